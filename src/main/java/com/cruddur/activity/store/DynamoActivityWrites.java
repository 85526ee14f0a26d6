package com.cruddur.activity.store;

import static com.cruddur.activity.store.ActivityItems.ACTIVITY_SK;
import static com.cruddur.activity.store.ActivityItems.activityKey;
import static com.cruddur.activity.store.ActivityItems.activityPk;
import static com.cruddur.activity.store.ActivityItems.num;
import static com.cruddur.platform.dynamo.Attributes.PK;
import static com.cruddur.platform.dynamo.Attributes.TTL;

import com.cruddur.activity.Activity;
import com.cruddur.activity.ActivityFeeds;
import com.cruddur.activity.ActivityWrites;
import com.cruddur.activity.Reply;
import com.cruddur.common.Idempotency;
import com.cruddur.common.Timestamps;
import com.cruddur.platform.dynamo.Cancellations;
import com.cruddur.platform.dynamo.IdempotencyRecords;
import com.cruddur.platform.dynamo.Retry;
import com.cruddur.platform.dynamo.StorageBusyException;
import com.cruddur.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Creates activities and replies, each in one transaction with what it implies (search entries,
 * notifications, the parent's count and preview) and, with an idempotency claim, the claim's
 * record.
 */
public class DynamoActivityWrites implements ActivityWrites {

  /** Attempts at a create whose idempotency key another request is writing at the same time. */
  private static final int CREATE_ATTEMPTS = 4;

  /**
   * Attempts at a reply under contention, the first {@link #PREVIEW_ATTEMPTS} of them also updating
   * the preview.
   */
  private static final int REPLY_ATTEMPTS = 8;

  private static final int PREVIEW_ATTEMPTS = 3;

  private static final Logger log = LoggerFactory.getLogger(DynamoActivityWrites.class);

  private final DynamoDbClient db;
  private final String table;

  /** A reply reads its parent, consistently, before each attempt. */
  private final ActivityFeeds feeds;

  /** Days this container has already marked in the feed-day index. */
  private final Set<String> markedDays = ConcurrentHashMap.newKeySet();

  public DynamoActivityWrites(DynamoDbClient db, String table, ActivityFeeds feeds) {
    this.db = db;
    this.table = table;
    this.feeds = feeds;
  }

  /**
   * Writes the activity, its search-index entries, mention notifications and, with a claim, the
   * idempotency key, atomically.
   *
   * @throws Idempotency.Replayed when the key was already used: nothing new is written
   */
  @Override
  public void create(
      Activity activity,
      List<String> tokens,
      List<User> mentioned,
      Optional<Idempotency.Claim> claim) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(ActivityItems.activityItem(activity), true));
    claim.ifPresent(
        c ->
            writes.add(
                put(
                    IdempotencyRecords.item(
                        c, activityPk(activity.uuid()), ACTIVITY_SK, activity.createdAt()),
                    true)));
    for (String token : tokens) {
      writes.add(put(ActivityItems.termItem(activity, token, tokens), false));
    }
    for (User user : mentioned) {
      writes.add(
          put(
              ActivityItems.notificationItem(
                  user.uuid(),
                  "mention",
                  activity.uuid(),
                  null,
                  activity.uuid(),
                  activity.createdAt(),
                  activity.expiresAt()),
              false));
    }
    // Two requests with the same key at once: the loser retries and then finds the winner's record.
    Retry.attempts(
        CREATE_ATTEMPTS,
        TransactionCanceledException.class,
        attempt -> transact(writes, claim, 1),
        e -> claim.isPresent() && Cancellations.conflicted(e),
        Cancellations::busyOr);
    markFeedDay(Timestamps.day(activity.createdAt()));
  }

  /**
   * Writes all or nothing; a failed claim (the write at {@code claimIndex}) means the key was used
   * before.
   */
  private boolean transact(
      List<TransactWriteItem> writes, Optional<Idempotency.Claim> claim, int claimIndex) {
    try {
      db.transactWriteItems(b -> b.transactItems(writes));
      return true;
    } catch (TransactionCanceledException e) {
      if (claim.isPresent() && Cancellations.failedCondition(e, claimIndex)) {
        throw new Idempotency.Replayed(IdempotencyRecords.read(db, table, claim.get()));
      }
      throw e;
    }
  }

  /**
   * Records that a day has activities, once per container and day. Outside the transaction on
   * purpose: every create of a day writes this same item, and concurrent transactions on one item
   * cancel each other. If the write fails the activity is still stored and shown, because the home
   * feed always reads today and yesterday.
   */
  private void markFeedDay(String day) {
    if (!markedDays.add(day)) {
      return;
    }
    try {
      db.putItem(b -> b.tableName(table).item(ActivityItems.feedDayItem(day)));
    } catch (SdkException e) {
      markedDays.remove(day);
      log.warn(
          "Could not mark {} in the feed-day index; the next create will retry: {}",
          day,
          e.toString());
    }
  }

  /**
   * Adds a reply, bumps the parent's count and refreshes its recent replies in one transaction,
   * guarded by the parent's version so concurrent replies never overwrite each other's preview.
   * Under heavy contention on one activity, later attempts only bump the count: the reply and its
   * count always land, and only the feed preview may skip it. The parent's owner is notified. The
   * claim, if any, is remembered with the reply.
   *
   * @throws Idempotency.Replayed when the key was already used: nothing new is written
   */
  @Override
  public ReplyResult addReply(
      UUID replyUuid,
      UUID parentUuid,
      User author,
      String message,
      Instant now,
      Optional<Idempotency.Claim> claim) {
    // Another reply won the race (or the parent just expired): read again and retry.
    return Retry.attempts(
        REPLY_ATTEMPTS,
        TransactionCanceledException.class,
        attempt -> replyOnce(attempt, replyUuid, parentUuid, author, message, now, claim),
        Cancellations::contended,
        e ->
            Cancellations.contended(e)
                ? new StorageBusyException("reply kept conflicting with concurrent replies")
                : Cancellations.busyOr(e));
  }

  private ReplyResult replyOnce(
      int attempt,
      UUID replyUuid,
      UUID parentUuid,
      User author,
      String message,
      Instant now,
      Optional<Idempotency.Claim> claim) {
    Optional<Activity> found = feeds.find(parentUuid, true);
    if (found.isEmpty() || !found.get().isLiveAt(now)) {
      return new ParentNotFound();
    }
    Activity parent = found.get();
    Reply reply =
        new Reply(
            replyUuid,
            parent.uuid(),
            author.uuid(),
            author.handle(),
            author.displayName(),
            message,
            0,
            0,
            0,
            now,
            parent.expiresAt());

    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(ActivityItems.replyItem(reply), true));
    writes.add(
        TransactWriteItem.builder()
            .update(
                attempt < PREVIEW_ATTEMPTS
                    ? countAndPreview(parent, reply, now)
                    : countOnly(parent, now))
            .build());
    if (!parent.userUuid().equals(author.uuid())) {
      writes.add(
          put(
              ActivityItems.notificationItem(
                  parent.userUuid(),
                  "reply",
                  parent.uuid(),
                  ActivityItems.replySk(reply),
                  reply.uuid(),
                  now,
                  parent.expiresAt()),
              false));
    }
    claim.ifPresent(
        c ->
            writes.add(
                put(
                    IdempotencyRecords.item(
                        c, activityPk(parent.uuid()), ActivityItems.replySk(reply), now),
                    true)));
    transact(writes, claim, writes.size() - 1);
    return new ReplyAdded(reply);
  }

  private Update countAndPreview(Activity parent, Reply reply, Instant now) {
    List<Reply> recent = new ArrayList<>(parent.recentReplies());
    recent.add(reply);
    if (recent.size() > Activity.RECENT_REPLIES) {
      recent = recent.subList(recent.size() - Activity.RECENT_REPLIES, recent.size());
    }
    return Update.builder()
        .tableName(table)
        .key(activityKey(parent.uuid()).attributes())
        .updateExpression(
            "SET replies_count = replies_count + :one, #recent = :recent, version = :next")
        .conditionExpression("version = :version AND #ttl > :now")
        .expressionAttributeNames(Map.of("#recent", ActivityItems.RECENT_REPLIES, "#ttl", TTL))
        .expressionAttributeValues(
            Map.of(
                ":one",
                num(1),
                ":recent",
                ActivityItems.recentReplies(recent),
                ":next",
                num(parent.version() + 1),
                ":version",
                num(parent.version()),
                ":now",
                num(now.getEpochSecond())))
        .build();
  }

  private Update countOnly(Activity parent, Instant now) {
    return Update.builder()
        .tableName(table)
        .key(activityKey(parent.uuid()).attributes())
        .updateExpression("SET replies_count = replies_count + :one")
        .conditionExpression("attribute_exists(#pk) AND #ttl > :now")
        .expressionAttributeNames(Map.of("#pk", PK, "#ttl", TTL))
        .expressionAttributeValues(Map.of(":one", num(1), ":now", num(now.getEpochSecond())))
        .build();
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, boolean mustBeNew) {
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (mustBeNew) {
      put.conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", PK));
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }
}
