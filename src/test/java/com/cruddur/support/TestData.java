package com.cruddur.support;

import com.cruddur.activity.ActivityService;
import com.cruddur.activity.NewActivity;
import com.cruddur.activity.NewReply;
import com.cruddur.activity.Ttl;
import com.cruddur.activity.store.DynamoActivityFeeds;
import com.cruddur.activity.store.DynamoActivityWrites;
import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.platform.dynamo.Attributes;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Data written straight through the application's service, for states a request cannot create (the
 * past).
 */
public final class TestData {

  private TestData() {}

  public record Expired(String activityUuid, String replyUuid) {}

  /**
   * An activity by garek, created two hours ago with a one-hour ttl, mentioning @andrewbrown, with
   * a reply by worf made while it was live: its item, search-index entries, reply and notifications
   * all exist, all expired.
   */
  public static Expired expiredActivityMentioningAndrew(String word) {
    LocalEnvironment env = TestDynamo.get();
    UserRepository users = new UserRepository(env.client(), env.tableName());
    DynamoActivityFeeds feeds = new DynamoActivityFeeds(env.client(), env.tableName());
    ActivityService service =
        new ActivityService(
            new DynamoActivityWrites(env.client(), env.tableName(), feeds), feeds, users);
    User garek = users.findByHandle("garek").orElseThrow();
    User worf = users.findByHandle("worf").orElseThrow();
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    UUID uuid = UUID.randomUUID();
    service.publish(
        uuid,
        garek,
        new NewActivity("Expired " + word + " news for @andrewbrown", Ttl.ONE_HOUR),
        twoHoursAgo);
    String reply =
        service
            .addReply(
                UUID.randomUUID(),
                worf,
                uuid,
                new NewReply("seen " + word),
                twoHoursAgo.plus(Duration.ofMinutes(10)))
            .uuid()
            .toString();
    return new Expired(uuid.toString(), reply);
  }

  public static boolean activityItemExists(String uuid) {
    LocalEnvironment env = TestDynamo.get();
    return env.client()
        .getItem(b -> b.tableName(env.tableName()).key(Attributes.key("ACT#" + uuid, "ACTIVITY")))
        .hasItem();
  }
}
