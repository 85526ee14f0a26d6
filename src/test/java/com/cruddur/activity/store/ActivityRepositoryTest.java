package com.cruddur.activity.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.activity.Activity;
import com.cruddur.activity.ActivityFeeds;
import com.cruddur.activity.ActivityService;
import com.cruddur.activity.ActivityWrites;
import com.cruddur.activity.ActivityWrites.ReplyAdded;
import com.cruddur.activity.ActivityWrites.ReplyResult;
import com.cruddur.activity.NewActivity;
import com.cruddur.activity.Reply;
import com.cruddur.activity.Ttl;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.support.TestDynamo;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB access patterns against DynamoDB Local, with states only the storage layer can set
 * up.
 */
class ActivityRepositoryTest {

  static ActivityFeeds activities;
  static ActivityWrites writes;
  static ActivityService service;
  static User author;
  static User replier;

  @BeforeAll
  static void setUp() {
    LocalEnvironment env = TestDynamo.get();
    env.recreateTable();
    UserRepository users = new UserRepository(env.client(), env.tableName());
    activities = new DynamoActivityFeeds(env.client(), env.tableName());
    writes = new DynamoActivityWrites(env.client(), env.tableName(), activities);
    service = new ActivityService(writes, activities, users);
    author = new User(UUID.randomUUID(), "author", "The Author", Optional.of("sub-author"));
    replier = new User(UUID.randomUUID(), "replier", "The Replier", Optional.empty());
    assertThat(users.create(author, Instant.now())).isTrue();
    assertThat(users.create(replier, Instant.now())).isTrue();
    assertThat(
            users.create(
                new User(UUID.randomUUID(), "AUTHOR", "Same handle", Optional.empty()),
                Instant.now()))
        .as("handles are unique regardless of case")
        .isFalse();
    assertThat(users.findByCognitoSub("sub-author")).contains(author);
  }

  @Test
  void homeFeedWalksDayBucketsNewestFirstAcrossTheWholeTtlWindow() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<UUID> expected = new ArrayList<>();
    for (int daysAgo : new int[] {0, 1, 3, 8, 29}) {
      UUID uuid = UUID.randomUUID();
      service.publish(
          uuid,
          author,
          new NewActivity("day " + daysAgo, Ttl.THIRTY_DAYS),
          now.minus(Duration.ofDays(daysAgo)).minusSeconds(60));
      expected.add(uuid);
    }
    List<UUID> seen = new ArrayList<>();
    PageRequest page = PageRequest.first(2);
    for (int i = 0; i < 10; i++) {
      Page<Activity> result = activities.home(now, page);
      result.items().forEach(a -> seen.add(a.uuid()));
      if (result.nextCursor().isEmpty()) {
        break;
      }
      page = new PageRequest(2, result.nextCursor());
    }
    assertThat(seen).containsSubsequence(expected);
    assertThat(seen).doesNotHaveDuplicates();
  }

  @Test
  void concurrentRepliesAreAllStoredAndCounted() throws Exception {
    UUID parent = UUID.randomUUID();
    service.publish(parent, author, new NewActivity("reply storm", Ttl.ONE_DAY), Instant.now());
    int writers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<ReplyResult>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String message = "reply " + i;
      results.add(
          pool.submit(
              () ->
                  writes.addReply(
                      UUID.randomUUID(),
                      parent,
                      replier,
                      message,
                      Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }
    for (Future<ReplyResult> result : results) {
      assertThat(result.get()).isInstanceOf(ReplyAdded.class);
    }
    pool.shutdown();

    Activity stored = activities.find(parent, true).orElseThrow();
    assertThat(stored.repliesCount()).isEqualTo(writers);
    Page<Reply> all = activities.replies(parent, Instant.now(), PageRequest.first(50));
    assertThat(all.items()).hasSize(writers);
    assertThat(stored.recentReplies()).hasSizeBetween(1, Activity.RECENT_REPLIES);
    assertThat(all.items().stream().map(Reply::uuid))
        .containsAll(stored.recentReplies().stream().map(Reply::uuid).toList());
  }

  @Test
  void replyToAnExpiredActivityIsRefusedEvenIfTheItemStillExists() {
    UUID parent = UUID.randomUUID();
    Instant created = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS);
    service.publish(parent, author, new NewActivity("gone soon", Ttl.ONE_HOUR), created);

    assertThat(writes.addReply(UUID.randomUUID(), parent, replier, "late", Instant.now()))
        .isInstanceOf(ActivityWrites.ParentNotFound.class);
    assertThat(activities.find(parent, true))
        .get()
        .satisfies(a -> assertThat(a.repliesCount()).isZero());
  }

  @Test
  void searchMatchesEveryWordAndSkipsExpiredEntries() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID both = UUID.randomUUID();
    UUID one = UUID.randomUUID();
    UUID expired = UUID.randomUUID();
    service.publish(
        both, author, new NewActivity("tangerine orbit", Ttl.ONE_DAY), now.minusSeconds(1));
    service.publish(one, author, new NewActivity("tangerine only", Ttl.ONE_DAY), now);
    service.publish(
        expired,
        author,
        new NewActivity("tangerine orbit old", Ttl.ONE_HOUR),
        now.minus(Duration.ofHours(3)));

    assertThat(activities.search(List.of("tangerine", "orbit"), now, PageRequest.first(10)).items())
        .extracting(Activity::uuid)
        .containsExactly(both);
    assertThat(activities.search(List.of("tangerine"), now, PageRequest.first(10)).items())
        .extracting(Activity::uuid)
        .containsExactly(one, both);
    assertThat(activities.search(List.of("author"), now, PageRequest.first(50)).items())
        .as("the author's handle is searchable")
        .extracting(Activity::uuid)
        .contains(both, one);
  }
}
