package com.cruddur.activity.store;

import static com.cruddur.activity.store.ActivityItems.ACTIVITY_SK;
import static com.cruddur.activity.store.ActivityItems.activityKey;
import static com.cruddur.activity.store.ActivityItems.activityPk;
import static com.cruddur.activity.store.ActivityItems.feedDay;
import static com.cruddur.activity.store.ActivityItems.feedPk;
import static com.cruddur.activity.store.ActivityItems.notificationsPk;
import static com.cruddur.activity.store.ActivityItems.termPk;
import static com.cruddur.activity.store.ActivityItems.userActivitiesPk;
import static com.cruddur.platform.dynamo.Attributes.FEED_DAYS_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI1;
import static com.cruddur.platform.dynamo.Attributes.GSI1_KEY;
import static com.cruddur.platform.dynamo.Attributes.GSI1_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI1_SK;
import static com.cruddur.platform.dynamo.Attributes.GSI2;
import static com.cruddur.platform.dynamo.Attributes.GSI2_KEY;
import static com.cruddur.platform.dynamo.Attributes.GSI2_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI2_SK;
import static com.cruddur.platform.dynamo.Attributes.PK;
import static com.cruddur.platform.dynamo.Attributes.REPLY_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.SK;
import static com.cruddur.platform.dynamo.Attributes.TABLE_KEY;
import static com.cruddur.platform.dynamo.Attributes.s;

import com.cruddur.activity.Activity;
import com.cruddur.activity.ActivityFeeds;
import com.cruddur.activity.Reply;
import com.cruddur.activity.Ttl;
import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.common.Timestamps;
import com.cruddur.platform.dynamo.BatchReader;
import com.cruddur.platform.dynamo.Cursors;
import com.cruddur.platform.dynamo.InvalidCursorException;
import com.cruddur.platform.dynamo.Key;
import com.cruddur.platform.dynamo.QueryPager;
import com.cruddur.platform.dynamo.QueryPager.SortKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The read models of activities: the feeds, search, notifications, replies and single items. Every
 * read is a GetItem, a bounded Query or a BatchGetItem; nothing scans. Expired items are filtered
 * here, so they never reach a response whether or not DynamoDB TTL has deleted them yet.
 */
public class DynamoActivityFeeds implements ActivityFeeds {

  private final DynamoDbClient db;
  private final String table;

  public DynamoActivityFeeds(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  @Override
  public Optional<Activity> find(UUID uuid, boolean consistent) {
    return get(activityKey(uuid), consistent).map(ActivityItems::activity);
  }

  @Override
  public Optional<Activity> recordedActivity(Idempotency.Recorded recorded) {
    return find(ActivityItems.activityUuidOf(recorded.resultPk()), true);
  }

  /** The recorded key is the parent's partition and the reply's sort key. */
  @Override
  public Optional<Reply> recordedReply(Idempotency.Recorded recorded) {
    return get(new Key(recorded.resultPk(), recorded.resultSk()), true).map(ActivityItems::reply);
  }

  private Optional<Map<String, AttributeValue>> get(Key key, boolean consistent) {
    GetItemResponse response =
        db.getItem(b -> b.tableName(table).key(key.attributes()).consistentRead(consistent));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  @Override
  public Page<Reply> replies(UUID activityUuid, Instant now, PageRequest page) {
    String pk = activityPk(activityUuid);
    Map<String, AttributeValue> start =
        page.cursor()
            .map(
                c ->
                    Cursors.decode(
                        c, Cursors.tableKey(pk::equals, sk -> sk.startsWith(REPLY_PREFIX))))
            .orElse(null);
    QueryRequest query =
        QueryPager.partition(table, null, PK, pk, SortKey.beginsWith(SK, REPLY_PREFIX))
            .scanIndexForward(true)
            .build();
    QueryPager.Result result = pager().read(query, page.limit(), start, live(now), TABLE_KEY);
    return new Page<>(
        result.items().stream().map(ActivityItems::reply).toList(),
        cursor(result.resumeKey(), TABLE_KEY));
  }

  /**
   * Everyone's activities, newest first. The feed index is bucketed by UTC day (no hot partition).
   * Only days that have activities are read: the feed-day index lists them, and since no activity
   * lives longer than {@link Ttl#LONGEST}, only the last 31 days can hold live ones. Today and
   * yesterday are always read.
   */
  @Override
  public Page<Activity> home(Instant now, PageRequest page) {
    LocalDate today = LocalDate.parse(Timestamps.day(now));
    LocalDate oldest = LocalDate.parse(Timestamps.day(now.minus(Ttl.LONGEST)));
    LocalDate from = today;
    Map<String, AttributeValue> start = null;
    if (page.cursor().isPresent()) {
      start =
          Cursors.decode(
              page.cursor().get(), activityIndexKey(GSI2_PK, GSI2_SK, pk -> feedDay(pk) != null));
      from = feedDay(s(start, GSI2_PK));
      if (from.isAfter(today)) {
        throw new InvalidCursorException("cursor from the future");
      }
    }
    QueryPager pager = pager();
    List<LocalDate> days = daysWithActivities(today, oldest, from);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> lastReturned = null;
    int next = 0;
    for (; next < days.size() && pager.budgetLeft(); next++, start = null) {
      QueryPager.Result result =
          pager.read(
              newestFirst(GSI2, GSI2_PK, feedPk(days.get(next).toString())),
              page.limit() - items.size(),
              start,
              live(now),
              GSI2_KEY);
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
    TreeSet<LocalDate> days = new TreeSet<>(Comparator.reverseOrder());
    days.add(today);
    days.add(today.minusDays(1));
    // A cursor's day is read first with the cursor as start key, even if the day index no longer
    // lists it.
    days.add(from);
    db.query(
            QueryPager.partition(
                    table,
                    null,
                    PK,
                    FEED_DAYS_PK,
                    SortKey.between(SK, oldest.toString(), today.toString()))
                .scanIndexForward(false)
                .limit(64)
                .build())
        .items()
        .forEach(item -> days.add(LocalDate.parse(s(item, SK))));
    return days.stream().filter(d -> !d.isAfter(from) && !d.isBefore(oldest)).toList();
  }

  /**
   * What a cursor of an index whose items are activities may hold: an activity's table key, the
   * index's keys.
   */
  private static Map<String, Predicate<String>> activityIndexKey(
      String indexPk, String indexSk, Predicate<String> partition) {
    Map<String, Predicate<String>> key =
        Cursors.tableKey(ActivityItems::isActivityPk, ACTIVITY_SK::equals);
    key.put(indexPk, partition);
    key.put(indexSk, Cursors::any);
    return key;
  }

  /** One user's activities, newest first. */
  @Override
  public Page<Activity> byUser(UUID userUuid, Instant now, PageRequest page) {
    String pk = userActivitiesPk(userUuid);
    Map<String, AttributeValue> start =
        page.cursor()
            .map(c -> Cursors.decode(c, activityIndexKey(GSI1_PK, GSI1_SK, pk::equals)))
            .orElse(null);
    QueryPager.Result result =
        pager().read(newestFirst(GSI1, GSI1_PK, pk), page.limit(), start, live(now), GSI1_KEY);
    return page(result.items(), cursor(result.resumeKey(), GSI1_KEY));
  }

  /**
   * Activities containing every token, newest first. The longest token's index partition drives the
   * read (longer words are rarer), and each entry carries the activity's full token set to check
   * the other words.
   */
  @Override
  public Page<Activity> search(List<String> tokens, Instant now, PageRequest page) {
    if (tokens.isEmpty()) {
      return new Page<>(List.of(), Optional.empty());
    }
    String driver = tokens.stream().reduce((a, b) -> b.length() > a.length() ? b : a).orElseThrow();
    Predicate<Map<String, AttributeValue>> matches =
        item -> {
          AttributeValue words = item.get(ActivityItems.TOKENS);
          return words != null && words.hasSs() && new HashSet<>(words.ss()).containsAll(tokens);
        };
    QueryPager.Result result =
        readTablePartition(termPk(driver), now, page, live(now).and(matches));
    // Index entries only point at activities: read the activities themselves for current counts and
    // replies.
    List<Key> keys =
        result.items().stream()
            .map(i -> activityKey(UUID.fromString(s(i, "activity_uuid"))))
            .toList();
    Map<Key, Map<String, AttributeValue>> found = BatchReader.get(db, table, keys);
    List<Activity> activities =
        keys.stream()
            .map(found::get)
            .filter(item -> item != null && ActivityItems.isLive(item, now))
            .map(ActivityItems::activity)
            .toList();
    return new Page<>(activities, cursor(result.resumeKey(), TABLE_KEY));
  }

  /** A user's notifications, newest first. */
  @Override
  public Page<Notification> notifications(UUID userUuid, Instant now, PageRequest page) {
    QueryPager.Result result = readTablePartition(notificationsPk(userUuid), now, page, live(now));
    Set<Key> keys = new LinkedHashSet<>();
    for (Map<String, AttributeValue> n : result.items()) {
      keys.add(activityKeyOf(n));
      replyKeyOf(n).ifPresent(keys::add);
    }
    Map<Key, Map<String, AttributeValue>> found = BatchReader.get(db, table, List.copyOf(keys));
    List<Notification> notifications = new ArrayList<>();
    for (Map<String, AttributeValue> n : result.items()) {
      Map<String, AttributeValue> activity = found.get(activityKeyOf(n));
      if (activity == null || !ActivityItems.isLive(activity, now)) {
        continue;
      }
      Optional<Key> replyKey = replyKeyOf(n);
      if (replyKey.isPresent() && found.get(replyKey.get()) == null) {
        continue;
      }
      notifications.add(
          new Notification(
              ActivityItems.activity(activity),
              replyKey.map(k -> ActivityItems.reply(found.get(k)))));
    }
    return new Page<>(notifications, cursor(result.resumeKey(), TABLE_KEY));
  }

  private static Key activityKeyOf(Map<String, AttributeValue> notification) {
    return activityKey(UUID.fromString(s(notification, "activity_uuid")));
  }

  private static Optional<Key> replyKeyOf(Map<String, AttributeValue> notification) {
    return Optional.ofNullable(s(notification, "reply_sk"))
        .map(sk -> new Key(activityKeyOf(notification).pk(), sk));
  }

  /** A page of one whole table partition, newest first, continuing from the page's cursor. */
  private QueryPager.Result readTablePartition(
      String pk, Instant now, PageRequest page, Predicate<Map<String, AttributeValue>> accept) {
    Map<String, AttributeValue> start =
        page.cursor()
            .map(c -> Cursors.decode(c, Cursors.tableKey(pk::equals, Cursors::any)))
            .orElse(null);
    QueryRequest query = QueryPager.partition(table, null, PK, pk).scanIndexForward(false).build();
    return pager().read(query, page.limit(), start, accept, TABLE_KEY);
  }

  private QueryRequest newestFirst(String index, String partitionAttribute, String partition) {
    return QueryPager.partition(table, index, partitionAttribute, partition)
        .scanIndexForward(false)
        .build();
  }

  private QueryPager pager() {
    return new QueryPager(db, QueryPager.DEFAULT_CALL_BUDGET);
  }

  private static Predicate<Map<String, AttributeValue>> live(Instant now) {
    return item -> ActivityItems.isLive(item, now);
  }

  private static Page<Activity> page(
      List<Map<String, AttributeValue>> items, Optional<String> cursor) {
    return new Page<>(items.stream().map(ActivityItems::activity).toList(), cursor);
  }

  private static Optional<String> cursor(
      Map<String, AttributeValue> resumeKey, List<String> keyAttributes) {
    return resumeKey == null
        ? Optional.empty()
        : Optional.of(Cursors.encode(resumeKey, keyAttributes));
  }
}
