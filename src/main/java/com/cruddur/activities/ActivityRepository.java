package com.cruddur.activities;

import static com.cruddur.activities.ActivityItems.ACTIVITY_SK;
import static com.cruddur.activities.ActivityItems.REPLY_PREFIX;
import static com.cruddur.activities.ActivityItems.activityPk;
import static com.cruddur.activities.ActivityItems.feedPk;
import static com.cruddur.activities.ActivityItems.notificationsPk;
import static com.cruddur.activities.ActivityItems.num;
import static com.cruddur.activities.ActivityItems.str;
import static com.cruddur.activities.ActivityItems.termPk;
import static com.cruddur.activities.ActivityItems.userActivitiesPk;
import static com.cruddur.storage.Attributes.GSI1;
import static com.cruddur.storage.Attributes.GSI1_KEY;
import static com.cruddur.storage.Attributes.GSI1_PK;
import static com.cruddur.storage.Attributes.GSI1_SK;
import static com.cruddur.storage.Attributes.GSI2;
import static com.cruddur.storage.Attributes.GSI2_KEY;
import static com.cruddur.storage.Attributes.GSI2_PK;
import static com.cruddur.storage.Attributes.GSI2_SK;
import static com.cruddur.storage.Attributes.PK;
import static com.cruddur.storage.Attributes.SK;
import static com.cruddur.storage.Attributes.TABLE_KEY;
import static com.cruddur.storage.Attributes.TTL;
import static com.cruddur.storage.Attributes.s;

import com.cruddur.common.Timestamps;
import com.cruddur.storage.Attributes;
import com.cruddur.storage.BatchReader;
import com.cruddur.storage.Cursors;
import com.cruddur.storage.Deadline;
import com.cruddur.storage.InvalidCursorException;
import com.cruddur.storage.Jitter;
import com.cruddur.storage.Page;
import com.cruddur.storage.PageRequest;
import com.cruddur.storage.QueryPager;
import com.cruddur.storage.StorageBusyException;
import com.cruddur.users.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Activities, replies, the search index and notifications in the single table. Every read is a GetItem, a bounded
 * Query or a BatchGetItem; nothing scans. Expired items are filtered here, so they never reach a response whether or
 * not DynamoDB TTL has deleted them yet.
 */
public class ActivityRepository {

  /** Attempts at a reply under contention, the first {@link #PREVIEW_ATTEMPTS} of them also updating the preview. */
  private static final int REPLY_ATTEMPTS = 8;
  private static final int PREVIEW_ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(ActivityRepository.class);

  private final DynamoDbClient db;
  private final String table;
  /** Days this container has already marked in the feed-day index. */
  private final Set<String> markedDays = ConcurrentHashMap.newKeySet();

  public ActivityRepository(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  // ---------------------------------------------------------------------------------------------- writes

  /** Writes the activity, its search-index entries and mention notifications atomically. */
  public void create(Activity activity, List<String> tokens, List<User> mentioned) {
    create(activity, tokens, mentioned, Optional.empty());
  }

  /**
   * As {@link #create(Activity, List, List)}, and with a claim also remembers the idempotency key in the same
   * transaction.
   *
   * @throws Idempotency.Replayed when the key was already used: nothing new is written
   */
  public void create(Activity activity, List<String> tokens, List<User> mentioned,
      Optional<Idempotency.Claim> claim) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(ActivityItems.activityItem(activity), true));
    claim.ifPresent(c -> writes.add(put(ActivityItems.idempotencyItem(c, activityPk(activity.uuid()), ACTIVITY_SK,
        activity.createdAt()), true)));
    for (String token : tokens) {
      writes.add(put(ActivityItems.termItem(activity, token, tokens), false));
    }
    for (User user : mentioned) {
      writes.add(put(ActivityItems.notificationItem(user.uuid(), "mention", activity.uuid(), null, activity.uuid(),
          activity.createdAt(), activity.expiresAt()), false));
    }
    for (int attempt = 0; ; attempt++) {
      try {
        db.transactWriteItems(b -> b.transactItems(writes));
        break;
      } catch (TransactionCanceledException e) {
        if (claim.isPresent() && failedCondition(e, 1)) {
          throw new Idempotency.Replayed(recorded(claim.get()));
        }
        // Two requests with the same key at once: the loser retries and then finds the winner's record.
        if (claim.isPresent() && conflicted(e) && attempt < 3) {
          backOff(attempt + 1);
          continue;
        }
        throw busyOr(e);
      }
    }
    markFeedDay(Timestamps.day(activity.createdAt()));
  }

  private Idempotency.Recorded recorded(Idempotency.Claim claim) {
    GetItemResponse response = db.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Attributes.key(ActivityItems.idempotencyPk(claim), ActivityItems.IDEMPOTENCY_SK)));
    if (!response.hasItem() || response.item().isEmpty()) {
      throw new StorageBusyException("the idempotency record vanished; retry");
    }
    return ActivityItems.recorded(response.item());
  }

  private static boolean failedCondition(TransactionCanceledException e, int index) {
    return e.hasCancellationReasons() && e.cancellationReasons().size() > index
        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
  }

  private static boolean conflicted(TransactionCanceledException e) {
    return e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
        .anyMatch("TransactionConflict"::equals);
  }

  /** A reply by its key (the parent's partition, the reply's sort key), as stored. */
  public Optional<Reply> findReply(String pk, String sk) {
    GetItemResponse response = db.getItem(b -> b.tableName(table).consistentRead(true)
        .key(Attributes.key(pk, sk)));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(ActivityItems.reply(response.item()))
        : Optional.empty();
  }

  /**
   * Records that a day has activities, once per container and day. Outside the transaction on purpose: every create
   * of a day writes this same item, and concurrent transactions on one item cancel each other. If the write fails the
   * activity is still stored and shown, because the home feed always reads today and yesterday.
   */
  private void markFeedDay(String day) {
    if (!markedDays.add(day)) {
      return;
    }
    try {
      db.putItem(b -> b.tableName(table).item(ActivityItems.feedDayItem(day)));
    } catch (SdkException e) {
      markedDays.remove(day);
      log.warn("Could not mark {} in the feed-day index; the next create will retry: {}", day, e.toString());
    }
  }

  /** The outcome of adding a reply: a closed set, so callers handle both. */
  public sealed interface ReplyResult permits ReplyAdded, ParentNotFound {}

  public record ReplyAdded(Reply reply) implements ReplyResult {}

  public record ParentNotFound() implements ReplyResult {}

  /**
   * Adds a reply, bumps the parent's count and refreshes its recent replies in one transaction, guarded by the
   * parent's version so concurrent replies never overwrite each other's preview. Under heavy contention on one
   * activity, later attempts only bump the count: the reply and its count always land, and only the feed preview may
   * skip it. The parent's owner is notified.
   */
  public ReplyResult addReply(UUID replyUuid, UUID parentUuid, User author, String message, Instant now) {
    return addReply(replyUuid, parentUuid, author, message, now, Optional.empty());
  }

  /**
   * As {@link #addReply(UUID, UUID, User, String, Instant)}, remembering the idempotency key with the reply.
   *
   * @throws Idempotency.Replayed when the key was already used: nothing new is written
   */
  public ReplyResult addReply(UUID replyUuid, UUID parentUuid, User author, String message, Instant now,
      Optional<Idempotency.Claim> claim) {
    for (int attempt = 0; attempt < REPLY_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        backOff(attempt);
      }
      Optional<Activity> found = find(parentUuid, true);
      if (found.isEmpty() || !found.get().isLiveAt(now)) {
        return new ParentNotFound();
      }
      Activity parent = found.get();
      Reply reply = new Reply(replyUuid, parent.uuid(), author.uuid(), author.handle(),
          author.displayName(), message, 0, 0, 0, now, parent.expiresAt());

      List<TransactWriteItem> writes = new ArrayList<>();
      writes.add(put(ActivityItems.replyItem(reply), true));
      writes.add(TransactWriteItem.builder().update(attempt < PREVIEW_ATTEMPTS
          ? countAndPreview(parent, reply, now)
          : countOnly(parent, now)).build());
      if (!parent.userUuid().equals(author.uuid())) {
        writes.add(put(ActivityItems.notificationItem(parent.userUuid(), "reply", parent.uuid(),
            ActivityItems.replySk(reply), reply.uuid(), now, parent.expiresAt()), false));
      }
      claim.ifPresent(c -> writes.add(put(ActivityItems.idempotencyItem(c, activityPk(parent.uuid()),
          ActivityItems.replySk(reply), now), true)));
      try {
        db.transactWriteItems(b -> b.transactItems(writes));
        return new ReplyAdded(reply);
      } catch (TransactionCanceledException e) {
        if (claim.isPresent() && failedCondition(e, writes.size() - 1)) {
          throw new Idempotency.Replayed(recorded(claim.get()));
        }
        if (!isContention(e)) {
          throw busyOr(e);
        }
        // Another reply won the race (or the parent just expired): read again and retry.
      }
    }
    throw new StorageBusyException("reply kept conflicting with concurrent replies");
  }

  private Update countAndPreview(Activity parent, Reply reply, Instant now) {
    List<Reply> recent = new ArrayList<>(parent.recentReplies());
    recent.add(reply);
    if (recent.size() > Activity.RECENT_REPLIES) {
      recent = recent.subList(recent.size() - Activity.RECENT_REPLIES, recent.size());
    }
    return Update.builder().tableName(table)
        .key(Attributes.key(activityPk(parent.uuid()), ACTIVITY_SK))
        .updateExpression("SET replies_count = replies_count + :one, #recent = :recent, version = :next")
        .conditionExpression("version = :version AND #ttl > :now")
        .expressionAttributeNames(Map.of("#recent", ActivityItems.RECENT_REPLIES, "#ttl", TTL))
        .expressionAttributeValues(Map.of(":one", num(1), ":recent", ActivityItems.recentReplies(recent),
            ":next", num(parent.version() + 1), ":version", num(parent.version()),
            ":now", num(now.getEpochSecond())))
        .build();
  }

  private Update countOnly(Activity parent, Instant now) {
    return Update.builder().tableName(table)
        .key(Attributes.key(activityPk(parent.uuid()), ACTIVITY_SK))
        .updateExpression("SET replies_count = replies_count + :one")
        .conditionExpression("attribute_exists(#pk) AND #ttl > :now")
        .expressionAttributeNames(Map.of("#pk", PK, "#ttl", TTL))
        .expressionAttributeValues(Map.of(":one", num(1), ":now", num(now.getEpochSecond())))
        .build();
  }

  /** Jittered, growing pause between attempts, so racing writers spread out instead of colliding again. */
  private static void backOff(int attempt) {
    Deadline.check();
    try {
      Thread.sleep(Jitter.millis(5, 15L * attempt + 10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageBusyException("interrupted while retrying a reply");
    }
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, boolean mustBeNew) {
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (mustBeNew) {
      put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK));
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private static boolean isContention(TransactionCanceledException e) {
    return e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
        .anyMatch(code -> "ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code));
  }

  private static RuntimeException busyOr(TransactionCanceledException e) {
    boolean throttled = e.hasCancellationReasons() && e.cancellationReasons().stream()
        .map(CancellationReason::code)
        .anyMatch(code -> code != null && (code.contains("Throttl") || code.contains("ThroughputExceeded")));
    return throttled ? new StorageBusyException("DynamoDB throttled the transaction") : e;
  }

  // ----------------------------------------------------------------------------------------------- reads

  public Optional<Activity> find(UUID uuid, boolean consistent) {
    GetItemResponse response = db.getItem(b -> b.tableName(table)
        .key(Attributes.key(activityPk(uuid), ACTIVITY_SK)).consistentRead(consistent));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(ActivityItems.activity(response.item()))
        : Optional.empty();
  }

  /** Replies of one activity, oldest first. */
  public Page<Reply> replies(UUID activityUuid, Instant now, PageRequest page) {
    String pk = activityPk(activityUuid);
    Map<String, AttributeValue> start = page.cursor()
        .map(c -> Cursors.decode(c, tableKey(pk::equals, sk -> sk.startsWith(REPLY_PREFIX))))
        .orElse(null);
    QueryRequest query = QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :reply)")
        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
        .expressionAttributeValues(Map.of(":pk", str(pk), ":reply", str(REPLY_PREFIX)))
        .scanIndexForward(true)
        .build();
    QueryPager pager = new QueryPager(db, QueryPager.DEFAULT_CALL_BUDGET);
    QueryPager.Result result = pager.read(query, page.limit(), start, live(now), TABLE_KEY);
    return new Page<>(result.items().stream().map(ActivityItems::reply).toList(),
        cursor(result.resumeKey(), TABLE_KEY));
  }

  /**
   * Everyone's activities, newest first. The feed index is bucketed by UTC day (no hot partition). Only days that
   * have activities are read: the feed-day index lists them, and since no activity lives longer than
   * {@link Ttl#LONGEST}, only the last 31 days can hold live ones. Today and yesterday are always read.
   */
  public Page<Activity> home(Instant now, PageRequest page) {
    LocalDate today = LocalDate.parse(Timestamps.day(now));
    LocalDate oldest = LocalDate.parse(Timestamps.day(now.minus(Ttl.LONGEST)));
    LocalDate from = today;
    Map<String, AttributeValue> start = null;
    if (page.cursor().isPresent()) {
      start = Cursors.decode(page.cursor().get(), activityIndexKey(GSI2_PK, GSI2_SK, pk -> feedDay(pk) != null));
      from = feedDay(s(start, GSI2_PK));
      if (from.isAfter(today)) {
        throw new InvalidCursorException("cursor from the future");
      }
    }
    QueryPager pager = new QueryPager(db, QueryPager.DEFAULT_CALL_BUDGET);
    List<LocalDate> days = daysWithActivities(today, oldest, from);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> lastReturned = null;
    int next = 0;
    for (; next < days.size() && pager.budgetLeft(); next++, start = null) {
      QueryPager.Result result = pager.read(indexQuery(GSI2, GSI2_PK, feedPk(days.get(next).toString())),
          page.limit() - items.size(), start, live(now), GSI2_KEY);
      items.addAll(result.items());
      if (result.resumeKey() != null) {
        return page(items, cursor(result.resumeKey(), GSI2_KEY));
      }
      if (!result.items().isEmpty()) {
        lastReturned = QueryPager.keyOf(result.items().get(result.items().size() - 1), GSI2_KEY);
      }
    }
    // Out of call budget before the oldest day: continue after the last item returned.
    return page(items, next >= days.size() ? Optional.empty() : cursor(lastReturned, GSI2_KEY));
  }

  /** Days from {@code from} back to {@code oldest}, newest first, that may hold activities. */
  private List<LocalDate> daysWithActivities(LocalDate today, LocalDate oldest, LocalDate from) {
    java.util.TreeSet<LocalDate> days = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
    days.add(today);
    days.add(today.minusDays(1));
    // A cursor's day is read first with the cursor as start key, even if the day index no longer lists it.
    days.add(from);
    db.query(b -> b.tableName(table)
        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :oldest AND :today")
        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
        .expressionAttributeValues(Map.of(":pk", str(ActivityItems.FEED_DAYS_PK),
            ":oldest", str(oldest.toString()), ":today", str(today.toString())))
        .scanIndexForward(false)
        .limit(64))
        .items().forEach(item -> days.add(LocalDate.parse(s(item, SK))));
    return days.stream().filter(d -> !d.isAfter(from) && !d.isBefore(oldest)).toList();
  }

  /** What a cursor of a table query may hold: the partition read, and a sort key inside the range read. */
  private static Map<String, Predicate<String>> tableKey(Predicate<String> partition, Predicate<String> sort) {
    Map<String, Predicate<String>> key = new LinkedHashMap<>();
    key.put(PK, partition);
    key.put(SK, sort);
    return key;
  }

  /** What a cursor of an index whose items are activities may hold: an activity's table key, the index's keys. */
  private static Map<String, Predicate<String>> activityIndexKey(String indexPk, String indexSk,
      Predicate<String> partition) {
    Map<String, Predicate<String>> key = new LinkedHashMap<>();
    key.put(PK, ActivityRepository::isActivityPk);
    key.put(SK, ACTIVITY_SK::equals);
    key.put(indexPk, partition);
    key.put(indexSk, Cursors::any);
    return key;
  }

  private static boolean isActivityPk(String pk) {
    if (!pk.startsWith("ACT#")) {
      return false;
    }
    try {
      return activityPk(UUID.fromString(pk.substring("ACT#".length()))).equals(pk);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static LocalDate feedDay(String pk) {
    if (pk == null || !pk.startsWith("FEED#")) {
      return null;
    }
    try {
      return LocalDate.parse(pk.substring("FEED#".length()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** One user's activities, newest first. */
  public Page<Activity> byUser(UUID userUuid, Instant now, PageRequest page) {
    String pk = userActivitiesPk(userUuid);
    Map<String, AttributeValue> start = page.cursor()
        .map(c -> Cursors.decode(c, activityIndexKey(GSI1_PK, GSI1_SK, pk::equals)))
        .orElse(null);
    QueryPager pager = new QueryPager(db, QueryPager.DEFAULT_CALL_BUDGET);
    QueryPager.Result result = pager.read(indexQuery(GSI1, GSI1_PK, pk), page.limit(), start, live(now), GSI1_KEY);
    return page(result.items(), cursor(result.resumeKey(), GSI1_KEY));
  }

  /**
   * Activities containing every token, newest first. The longest token's index partition drives the read (longer
   * words are rarer), and each entry carries the activity's full token set to check the other words.
   */
  public Page<Activity> search(List<String> tokens, Instant now, PageRequest page) {
    if (tokens.isEmpty()) {
      return new Page<>(List.of(), Optional.empty());
    }
    String driver = tokens.stream().reduce((a, b) -> b.length() > a.length() ? b : a).orElseThrow();
    String pk = termPk(driver);
    Map<String, AttributeValue> start = page.cursor()
        .map(c -> Cursors.decode(c, tableKey(pk::equals, Cursors::any)))
        .orElse(null);
    Predicate<Map<String, AttributeValue>> matches = item -> {
      AttributeValue words = item.get(ActivityItems.TOKENS);
      return words != null && words.hasSs() && new HashSet<>(words.ss()).containsAll(tokens);
    };
    QueryRequest query = QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", PK))
        .expressionAttributeValues(Map.of(":pk", str(pk)))
        .scanIndexForward(false)
        .build();
    QueryPager pager = new QueryPager(db, QueryPager.DEFAULT_CALL_BUDGET);
    QueryPager.Result result = pager.read(query, page.limit(), start, live(now).and(matches), TABLE_KEY);
    // Index entries only point at activities: read the activities themselves for current counts and replies.
    List<UUID> uuids = result.items().stream().map(i -> UUID.fromString(s(i, "activity_uuid"))).toList();
    Map<String, Map<String, AttributeValue>> found = BatchReader.get(db, table,
        uuids.stream().map(u -> Attributes.key(activityPk(u), ACTIVITY_SK)).toList());
    List<Activity> activities = uuids.stream()
        .map(u -> found.get(activityPk(u) + "|" + ACTIVITY_SK))
        .filter(item -> item != null && ActivityItems.isLive(item, now))
        .map(ActivityItems::activity)
        .toList();
    return new Page<>(activities, cursor(result.resumeKey(), TABLE_KEY));
  }

  /** A notification resolved to what it shows: the activity, and the reply when it is about a reply. */
  public record Notification(Activity activity, Optional<Reply> reply) {}

  /** A user's notifications, newest first. */
  public Page<Notification> notifications(UUID userUuid, Instant now, PageRequest page) {
    String pk = notificationsPk(userUuid);
    Map<String, AttributeValue> start = page.cursor()
        .map(c -> Cursors.decode(c, tableKey(pk::equals, Cursors::any)))
        .orElse(null);
    QueryRequest query = QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", PK))
        .expressionAttributeValues(Map.of(":pk", str(pk)))
        .scanIndexForward(false)
        .build();
    QueryPager pager = new QueryPager(db, QueryPager.DEFAULT_CALL_BUDGET);
    QueryPager.Result result = pager.read(query, page.limit(), start, live(now), TABLE_KEY);

    Set<Map<String, AttributeValue>> keys = new java.util.LinkedHashSet<>();
    for (Map<String, AttributeValue> n : result.items()) {
      String target = activityPk(UUID.fromString(s(n, "activity_uuid")));
      keys.add(Attributes.key(target, ACTIVITY_SK));
      if (s(n, "reply_sk") != null) {
        keys.add(Attributes.key(target, s(n, "reply_sk")));
      }
    }
    Map<String, Map<String, AttributeValue>> found = BatchReader.get(db, table, List.copyOf(keys));
    List<Notification> notifications = new ArrayList<>();
    for (Map<String, AttributeValue> n : result.items()) {
      String target = activityPk(UUID.fromString(s(n, "activity_uuid")));
      Map<String, AttributeValue> activity = found.get(target + "|" + ACTIVITY_SK);
      if (activity == null || !ActivityItems.isLive(activity, now)) {
        continue;
      }
      Optional<Reply> reply = Optional.empty();
      if (s(n, "reply_sk") != null) {
        Map<String, AttributeValue> replyItem = found.get(target + "|" + s(n, "reply_sk"));
        if (replyItem == null) {
          continue;
        }
        reply = Optional.of(ActivityItems.reply(replyItem));
      }
      notifications.add(new Notification(ActivityItems.activity(activity), reply));
    }
    return new Page<>(notifications, cursor(result.resumeKey(), TABLE_KEY));
  }

  private QueryRequest indexQuery(String index, String partitionAttribute, String partition) {
    return QueryRequest.builder().tableName(table).indexName(index)
        .keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", partitionAttribute))
        .expressionAttributeValues(Map.of(":pk", str(partition)))
        .scanIndexForward(false)
        .build();
  }

  private static Predicate<Map<String, AttributeValue>> live(Instant now) {
    return item -> ActivityItems.isLive(item, now);
  }

  private static Page<Activity> page(List<Map<String, AttributeValue>> items, Optional<String> cursor) {
    return new Page<>(items.stream().map(ActivityItems::activity).toList(), cursor);
  }

  private static Optional<String> cursor(Map<String, AttributeValue> resumeKey, List<String> keyAttributes) {
    return resumeKey == null ? Optional.empty() : Optional.of(Cursors.encode(resumeKey, keyAttributes));
  }
}
