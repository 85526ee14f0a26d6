package com.cruddur.local.dynamo;

import com.cruddur.activity.ActivityService;
import com.cruddur.activity.NewActivity;
import com.cruddur.activity.NewReply;
import com.cruddur.activity.Ttl;
import com.cruddur.activity.store.DynamoActivityFeeds;
import com.cruddur.activity.store.DynamoActivityWrites;
import com.cruddur.message.MessageService;
import com.cruddur.message.NewMessage;
import com.cruddur.message.store.DynamoMessageReads;
import com.cruddur.message.store.DynamoMessageWrites;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads the demo users, activities and direct messages (src/local/resources/seed.json) through the
 * application's own repositories and service, so seeded data has exactly the items, indexes and
 * notifications a real write produces.
 */
public final class SeedData {

  private static final String RESOURCE = "/seed.json";

  private SeedData() {}

  /**
   * @return how many activities were seeded
   */
  public static int load(DynamoDbClient db, String table, Instant now) {
    JsonNode seed = read();
    UserRepository users = new UserRepository(db, table);
    for (JsonNode u : seed.get("users")) {
      User user =
          new User(
              UUID.fromString(u.get("uuid").asText()),
              u.get("handle").asText(),
              u.get("display_name").asText(),
              Optional.ofNullable(u.get("cognito_sub")).map(JsonNode::asText));
      if (!users.create(user, now)) {
        throw new IllegalStateException("seed user " + user.handle() + " already exists");
      }
    }
    DynamoActivityFeeds feeds = new DynamoActivityFeeds(db, table);
    ActivityService activities =
        new ActivityService(new DynamoActivityWrites(db, table, feeds), feeds, users);
    int count = 0;
    for (JsonNode a : seed.get("activities")) {
      User author = user(users, a.get("handle").asText());
      Instant createdAt = now.minus(Duration.parse(a.get("age").asText()));
      Ttl ttl =
          Ttl.fromWire(a.get("ttl").asText())
              .orElseThrow(() -> new IllegalStateException("seed ttl " + a.get("ttl")));
      UUID uuid = UUID.fromString(a.get("uuid").asText());
      activities.publish(uuid, author, new NewActivity(a.get("message").asText(), ttl), createdAt);
      for (JsonNode r : a.get("replies")) {
        activities.addReply(
            UUID.fromString(r.get("uuid").asText()),
            user(users, r.get("handle").asText()),
            uuid,
            new NewReply(r.get("message").asText()),
            createdAt.plus(Duration.parse(r.get("after").asText())));
      }
      count++;
    }
    MessageService messages =
        new MessageService(
            new DynamoMessageReads(db, table), new DynamoMessageWrites(db, table), users);
    for (JsonNode m : seed.get("messages")) {
      messages.send(
          now.minus(Duration.parse(m.get("age").asText())),
          user(users, m.get("from").asText()),
          new NewMessage(m.get("message").asText(), m.get("to").asText()),
          Optional.empty());
    }
    return count;
  }

  private static User user(UserRepository users, String handle) {
    return users
        .findByHandle(handle)
        .orElseThrow(() -> new IllegalStateException("seed user " + handle));
  }

  private static JsonNode read() {
    try (InputStream in = SeedData.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }
}
