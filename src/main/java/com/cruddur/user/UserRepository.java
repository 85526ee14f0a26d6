package com.cruddur.user;

import static com.cruddur.platform.dynamo.Attributes.COGNITO_SUB_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.GSI1;
import static com.cruddur.platform.dynamo.Attributes.GSI1_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI1_SK;
import static com.cruddur.platform.dynamo.Attributes.PK;
import static com.cruddur.platform.dynamo.Attributes.SK;
import static com.cruddur.platform.dynamo.Attributes.USER_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.s;

import com.cruddur.common.Timestamps;
import com.cruddur.platform.dynamo.BatchReader;
import com.cruddur.platform.dynamo.Key;
import com.cruddur.platform.dynamo.QueryPager;
import com.cruddur.platform.dynamo.QueryPager.SortKey;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Users live under {@code USER#<handle, lower-cased>}; the Cognito subject is indexed on gsi1 as
 * {@code SUB#<sub>}.
 */
public class UserRepository {

  private static final String PROFILE = "PROFILE";

  private final DynamoDbClient db;
  private final String table;

  public UserRepository(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static String pk(String handle) {
    return USER_PREFIX + handle.toLowerCase(Locale.ROOT);
  }

  public Optional<User> findByHandle(String handle) {
    if (!User.isValidHandle(handle)) {
      return Optional.empty();
    }
    GetItemResponse response =
        db.getItem(b -> b.tableName(table).key(new Key(pk(handle), PROFILE).attributes()));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(fromItem(response.item()))
        : Optional.empty();
  }

  public Optional<User> findByCognitoSub(String sub) {
    if (sub == null || sub.isBlank() || sub.length() > 128) {
      return Optional.empty();
    }
    QueryResponse response =
        db.query(
            QueryPager.partition(
                    table,
                    GSI1,
                    GSI1_PK,
                    COGNITO_SUB_PREFIX + sub,
                    SortKey.equalTo(GSI1_SK, PROFILE))
                .limit(1)
                .build());
    return response.items().stream().findFirst().map(UserRepository::fromItem);
  }

  /** Looks up several handles in one call; unknown handles are left out. */
  public List<User> findByHandles(Collection<String> handles) {
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    for (String handle : handles) {
      if (User.isValidHandle(handle)) {
        keys.add(pk(handle));
      }
    }
    if (keys.isEmpty()) {
      return List.of();
    }
    return BatchReader.get(db, table, keys.stream().map(pk -> new Key(pk, PROFILE)).toList())
        .values()
        .stream()
        .map(UserRepository::fromItem)
        .toList();
  }

  /**
   * Stores a new user.
   *
   * @return false when the handle is already taken
   */
  public boolean create(User user, Instant createdAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, AttributeValue.fromS(pk(user.handle())));
    item.put(SK, AttributeValue.fromS(PROFILE));
    item.put("uuid", AttributeValue.fromS(user.uuid().toString()));
    item.put("handle", AttributeValue.fromS(user.handle()));
    item.put("display_name", AttributeValue.fromS(user.displayName()));
    item.put("created_at", AttributeValue.fromS(Timestamps.storage(createdAt)));
    user.cognitoSub()
        .ifPresent(
            sub -> {
              item.put("cognito_sub", AttributeValue.fromS(sub));
              item.put(GSI1_PK, AttributeValue.fromS(COGNITO_SUB_PREFIX + sub));
              item.put(GSI1_SK, AttributeValue.fromS(PROFILE));
            });
    try {
      db.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(#pk)")
                  .expressionAttributeNames(Map.of("#pk", PK)));
      return true;
    } catch (ConditionalCheckFailedException taken) {
      return false;
    }
  }

  private static User fromItem(Map<String, AttributeValue> item) {
    return new User(
        UUID.fromString(s(item, "uuid")),
        s(item, "handle"),
        s(item, "display_name"),
        Optional.ofNullable(s(item, "cognito_sub")));
  }
}
