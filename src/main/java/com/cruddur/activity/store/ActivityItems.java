package com.cruddur.activity.store;

import static com.cruddur.platform.dynamo.Attributes.ACTIVITY_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.FEED_DAYS_PK;
import static com.cruddur.platform.dynamo.Attributes.FEED_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.GSI1_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI1_SK;
import static com.cruddur.platform.dynamo.Attributes.GSI2_PK;
import static com.cruddur.platform.dynamo.Attributes.GSI2_SK;
import static com.cruddur.platform.dynamo.Attributes.NOTIFICATIONS_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.PK;
import static com.cruddur.platform.dynamo.Attributes.REPLY_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.SK;
import static com.cruddur.platform.dynamo.Attributes.TERM_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.TTL;
import static com.cruddur.platform.dynamo.Attributes.USER_ACTIVITIES_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.n;
import static com.cruddur.platform.dynamo.Attributes.nLong;
import static com.cruddur.platform.dynamo.Attributes.s;

import com.cruddur.activity.Activity;
import com.cruddur.activity.Reply;
import com.cruddur.activity.Ttl;
import com.cruddur.common.Timestamps;
import com.cruddur.platform.dynamo.Key;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps activities, replies, search-index and notification items to and from DynamoDB attribute
 * maps. The key layout is documented in docs/table-design.md.
 */
final class ActivityItems {

  static final String ACTIVITY_SK = "ACTIVITY";
  static final String RECENT_REPLIES = "recent_replies";
  static final String TOKENS = "tokens";

  private ActivityItems() {}

  static String activityPk(UUID uuid) {
    return ACTIVITY_PREFIX + uuid;
  }

  static Key activityKey(UUID uuid) {
    return new Key(activityPk(uuid), ACTIVITY_SK);
  }

  /** Whether {@code pk} is exactly an activity's partition key, as a cursor must hold it. */
  static boolean isActivityPk(String pk) {
    if (!pk.startsWith(ACTIVITY_PREFIX)) {
      return false;
    }
    try {
      return activityPk(activityUuidOf(pk)).equals(pk);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String userActivitiesPk(UUID userUuid) {
    return USER_ACTIVITIES_PREFIX + userUuid;
  }

  static String feedPk(String day) {
    return FEED_PREFIX + day;
  }

  /** The day of a feed partition key, or null when {@code pk} is not one. */
  static LocalDate feedDay(String pk) {
    if (pk == null || !pk.startsWith(FEED_PREFIX)) {
      return null;
    }
    try {
      return LocalDate.parse(pk.substring(FEED_PREFIX.length()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String termPk(String token) {
    return TERM_PREFIX + token;
  }

  static String notificationsPk(UUID userUuid) {
    return NOTIFICATIONS_PREFIX + userUuid;
  }

  /** Newest-first ordering key: fixed-width UTC time, then the uuid to break ties. */
  static String timeKey(Instant createdAt, UUID uuid) {
    return Timestamps.storage(createdAt) + "#" + uuid;
  }

  static String replySk(Reply reply) {
    return REPLY_PREFIX + timeKey(reply.createdAt(), reply.uuid());
  }

  /**
   * DynamoDB TTL is whole seconds; round up so the item outlives (never undercuts) its exact
   * expiry.
   */
  static long ttlSeconds(Instant expiresAt) {
    return expiresAt.getEpochSecond() + (expiresAt.getNano() > 0 ? 1 : 0);
  }

  static Map<String, AttributeValue> activityItem(Activity a) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, str(activityPk(a.uuid())));
    item.put(SK, str(ACTIVITY_SK));
    item.put("uuid", str(a.uuid().toString()));
    item.put("user_uuid", str(a.userUuid().toString()));
    item.put("handle", str(a.handle()));
    item.put("display_name", str(a.displayName()));
    item.put("message", str(a.message()));
    item.put("replies_count", num(a.repliesCount()));
    item.put("reposts_count", num(a.repostsCount()));
    item.put("likes_count", num(a.likesCount()));
    item.put("created_at", str(Timestamps.storage(a.createdAt())));
    item.put("expires_at", str(Timestamps.storage(a.expiresAt())));
    item.put(TTL, num(ttlSeconds(a.expiresAt())));
    item.put("version", num(a.version()));
    item.put(RECENT_REPLIES, recentReplies(a.recentReplies()));
    item.put(GSI1_PK, str(userActivitiesPk(a.userUuid())));
    item.put(GSI1_SK, str(timeKey(a.createdAt(), a.uuid())));
    item.put(GSI2_PK, str(feedPk(Timestamps.day(a.createdAt()))));
    item.put(GSI2_SK, str(timeKey(a.createdAt(), a.uuid())));
    return item;
  }

  static Activity activity(Map<String, AttributeValue> item) {
    AttributeValue recent = item.get(RECENT_REPLIES);
    List<Reply> replies =
        recent == null || !recent.hasL()
            ? List.of()
            : recent.l().stream().map(v -> reply(v.m())).toList();
    return new Activity(
        UUID.fromString(s(item, "uuid")),
        UUID.fromString(s(item, "user_uuid")),
        s(item, "handle"),
        s(item, "display_name"),
        s(item, "message"),
        n(item, "replies_count"),
        n(item, "reposts_count"),
        n(item, "likes_count"),
        Timestamps.parseStorage(s(item, "created_at")),
        Timestamps.parseStorage(s(item, "expires_at")),
        replies,
        nLong(item, "version"));
  }

  static Map<String, AttributeValue> replyItem(Reply r) {
    Map<String, AttributeValue> item = replyAttributes(r);
    item.put(PK, str(activityPk(r.replyToActivityUuid())));
    item.put(SK, str(replySk(r)));
    item.put(TTL, num(ttlSeconds(r.expiresAt())));
    return item;
  }

  static AttributeValue recentReplies(List<Reply> replies) {
    return AttributeValue.fromL(
        replies.stream().map(r -> AttributeValue.fromM(replyAttributes(r))).toList());
  }

  private static Map<String, AttributeValue> replyAttributes(Reply r) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("uuid", str(r.uuid().toString()));
    item.put("reply_to_activity_uuid", str(r.replyToActivityUuid().toString()));
    item.put("user_uuid", str(r.userUuid().toString()));
    item.put("handle", str(r.handle()));
    item.put("display_name", str(r.displayName()));
    item.put("message", str(r.message()));
    item.put("replies_count", num(r.repliesCount()));
    item.put("reposts_count", num(r.repostsCount()));
    item.put("likes_count", num(r.likesCount()));
    item.put("created_at", str(Timestamps.storage(r.createdAt())));
    item.put("expires_at", str(Timestamps.storage(r.expiresAt())));
    return item;
  }

  static Reply reply(Map<String, AttributeValue> item) {
    return new Reply(
        UUID.fromString(s(item, "uuid")),
        UUID.fromString(s(item, "reply_to_activity_uuid")),
        UUID.fromString(s(item, "user_uuid")),
        s(item, "handle"),
        s(item, "display_name"),
        s(item, "message"),
        n(item, "replies_count"),
        n(item, "reposts_count"),
        n(item, "likes_count"),
        Timestamps.parseStorage(s(item, "created_at")),
        Timestamps.parseStorage(s(item, "expires_at")));
  }

  /**
   * One search-index entry: the activity under one of its words, with all its words to match
   * multi-word terms.
   */
  static Map<String, AttributeValue> termItem(Activity a, String token, List<String> tokens) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, str(termPk(token)));
    item.put(SK, str(timeKey(a.createdAt(), a.uuid())));
    item.put("activity_uuid", str(a.uuid().toString()));
    item.put(TOKENS, AttributeValue.fromSs(tokens));
    item.put("expires_at", str(Timestamps.storage(a.expiresAt())));
    item.put(TTL, num(ttlSeconds(a.expiresAt())));
    return item;
  }

  /**
   * A notification points at what to show: an activity, and for a reply also the reply's sort key.
   * It expires with the activity it points at.
   */
  static Map<String, AttributeValue> notificationItem(
      UUID recipient,
      String kind,
      UUID activityUuid,
      String replySk,
      UUID sourceUuid,
      Instant createdAt,
      Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, str(notificationsPk(recipient)));
    item.put(SK, str(timeKey(createdAt, sourceUuid)));
    item.put("kind", str(kind));
    item.put("activity_uuid", str(activityUuid.toString()));
    if (replySk != null) {
      item.put("reply_sk", str(replySk));
    }
    item.put("expires_at", str(Timestamps.storage(expiresAt)));
    item.put(TTL, num(ttlSeconds(expiresAt)));
    return item;
  }

  /** The activity uuid of an activity item's partition key ("ACT#&lt;uuid&gt;"). */
  static UUID activityUuidOf(String pk) {
    return UUID.fromString(pk.substring(ACTIVITY_PREFIX.length()));
  }

  /**
   * Marks a day as having activities. It lives as long as any activity of that day can: the end of
   * the day plus the longest ttl.
   */
  static Map<String, AttributeValue> feedDayItem(String day) {
    Instant lastExpiry =
        LocalDate.parse(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Ttl.LONGEST);
    return Map.of(PK, str(FEED_DAYS_PK), SK, str(day), TTL, num(ttlSeconds(lastExpiry)));
  }

  static boolean isLive(Map<String, AttributeValue> item, Instant now) {
    String expiresAt = s(item, "expires_at");
    return expiresAt != null && Timestamps.parseStorage(expiresAt).isAfter(now);
  }

  static AttributeValue str(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue num(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
