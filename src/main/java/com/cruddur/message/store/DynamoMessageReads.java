package com.cruddur.message.store;

import static com.cruddur.platform.dynamo.Attributes.GSI3;
import static com.cruddur.platform.dynamo.Attributes.GSI3_KEY;
import static com.cruddur.platform.dynamo.Attributes.GSI3_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI3_SK;
import static com.cruddur.platform.dynamo.Attributes.PK;
import static com.cruddur.platform.dynamo.Attributes.TABLE_KEY;

import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.message.Message;
import com.cruddur.message.MessageGroup;
import com.cruddur.message.MessageReads;
import com.cruddur.platform.dynamo.Cursors;
import com.cruddur.platform.dynamo.Key;
import com.cruddur.platform.dynamo.QueryPager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The read models of direct messages: one user's conversation entries on gsi3, an index of their
 * own that only the conversation-list function may query (newest last message first) and one
 * conversation's partition. Every read is one bounded Query or a GetItem; a cursor is only accepted
 * inside the partition being read.
 */
public class DynamoMessageReads implements MessageReads {

  private final DynamoDbClient db;
  private final String table;

  public DynamoMessageReads(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  @Override
  public Page<MessageGroup> groups(UUID ownerUuid, PageRequest page) {
    String pk = MessageItems.groupsPk(ownerUuid);
    Map<String, AttributeValue> start =
        page.cursor()
            .map(
                c -> {
                  Map<String, Predicate<String>> key =
                      Cursors.tableKey(pk::equals, MessageItems::isUuid);
                  key.put(GSI3_PK, pk::equals);
                  key.put(GSI3_SK, Cursors::any);
                  return Cursors.decode(c, key);
                })
            .orElse(null);
    QueryRequest query =
        QueryPager.partition(table, GSI3, GSI3_PK, pk).scanIndexForward(false).build();
    QueryPager.Result result = pager().read(query, page.limit(), start, item -> true, GSI3_KEY);
    return new Page<>(
        result.items().stream().map(MessageItems::group).toList(),
        cursor(result.resumeKey(), GSI3_KEY));
  }

  /**
   * Read newest first so the first page is the conversation's latest messages (where a chat opens),
   * then handed back oldest first; strongly consistent, so a message just sent is there.
   */
  @Override
  public Page<Message> messages(UUID conversationUuid, PageRequest page) {
    String pk = MessageItems.messagesPk(conversationUuid);
    Map<String, AttributeValue> start =
        page.cursor()
            .map(c -> Cursors.decode(c, Cursors.tableKey(pk::equals, Cursors::any)))
            .orElse(null);
    QueryRequest query =
        QueryPager.partition(table, null, PK, pk)
            .scanIndexForward(false)
            .consistentRead(true)
            .build();
    QueryPager.Result result = pager().read(query, page.limit(), start, item -> true, TABLE_KEY);
    List<Message> messages =
        new ArrayList<>(result.items().stream().map(MessageItems::message).toList());
    Collections.reverse(messages);
    return new Page<>(messages, cursor(result.resumeKey(), TABLE_KEY));
  }

  /** The recorded key is the message's own. */
  @Override
  public Optional<Message> recordedMessage(Idempotency.Recorded recorded) {
    Key key = new Key(recorded.resultPk(), recorded.resultSk());
    GetItemResponse response =
        db.getItem(b -> b.tableName(table).key(key.attributes()).consistentRead(true));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(MessageItems.message(response.item()))
        : Optional.empty();
  }

  /** One pager per request: its call budget bounds the read whatever the data. */
  private QueryPager pager() {
    return new QueryPager(db, QueryPager.DEFAULT_CALL_BUDGET);
  }

  private static Optional<String> cursor(
      Map<String, AttributeValue> resumeKey, List<String> keyAttributes) {
    return resumeKey == null
        ? Optional.empty()
        : Optional.of(Cursors.encode(resumeKey, keyAttributes));
  }
}
