package com.cruddur.activities;

import com.cruddur.activities.ActivityJson.ActivityView;
import com.cruddur.activities.ActivityJson.ReplyView;
import com.cruddur.activities.ActivityFeeds.Notification;
import com.cruddur.activities.ActivityWrites.ReplyAdded;
import com.cruddur.common.Timestamps;
import com.cruddur.storage.Page;
import com.cruddur.storage.PageRequest;
import com.cruddur.telemetry.Tracing;
import com.cruddur.telemetry.Tracing.Span;
import com.cruddur.users.User;
import com.cruddur.users.UserRepository;
import com.cruddur.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The activity use cases, one method per route. Each runs in its own named span (an X-Ray subsegment) carrying
 * what the Flask version's spans carried, for every service: the time ({@code now}) and the result size, plus the
 * route, and the handle and ttl where there is one, as indexed tags to filter traces by.
 */
public class ActivityService {

  static final String ACTIVITY_NOT_FOUND = "activity_not_found";
  static final String USER_NOT_FOUND = "user_not_found";

  private final ActivityWrites writes;
  private final ActivityFeeds activities;
  private final UserRepository users;
  private final Clock clock;
  private final Tracing tracing;

  public ActivityService(ActivityWrites writes, ActivityFeeds activities, UserRepository users, Clock clock,
      Tracing tracing) {
    this.writes = writes;
    this.activities = activities;
    this.users = users;
    this.clock = clock;
    this.tracing = tracing;
  }

  private Instant now() {
    return Timestamps.truncate(clock.instant());
  }

  Page<ActivityView> home(PageRequest page) {
    return tracing.span("home-activities", span -> {
      Instant now = begin(span, "GET /api/activities/home");
      return results(span, activities.home(now, page).map(ActivityJson::of));
    });
  }

  Page<ActivityView> userActivities(String handle, PageRequest page) {
    return tracing.span("user-activities", span -> {
      Instant now = begin(span, "GET /api/activities/@{handle}");
      span.tag("handle", handle);
      User user = users.findByHandle(handle).orElseThrow(() -> ApiException.notFound(USER_NOT_FOUND));
      return results(span, activities.byUser(user.uuid(), now, page).map(ActivityJson::of));
    });
  }

  Page<ActivityView> search(String term, PageRequest page) {
    return tracing.span("search-activities", span -> {
      Instant now = begin(span, "GET /api/activities/search");
      List<String> tokens = SearchTokens.tokens(term, SearchTokens.MAX_TERM_TOKENS);
      span.detail("search_words", tokens);
      return results(span, activities.search(tokens, now, page).map(ActivityJson::of));
    });
  }

  /**
   * The user's notifications. Several replies to one activity on the same page are shown as that activity once,
   * with those replies, so the feed never repeats an activity (the frontend keys items by uuid).
   */
  Page<ActivityView> notifications(User user, PageRequest page) {
    return tracing.span("notifications-activities", span -> {
      Instant now = begin(span, "GET /api/activities/notifications");
      span.tag("handle", user.handle());
      Page<Notification> found = activities.notifications(user.uuid(), now, page);
      Map<UUID, Activity> shown = new LinkedHashMap<>();
      Map<UUID, List<Reply>> replies = new LinkedHashMap<>();
      for (Notification n : found.items()) {
        UUID key = n.activity().uuid();
        shown.putIfAbsent(key, n.activity());
        List<Reply> list = replies.computeIfAbsent(key, k -> new ArrayList<>());
        n.reply().ifPresent(list::add);
      }
      List<ActivityView> views = new ArrayList<>();
      shown.forEach((uuid, activity) -> {
        List<Reply> about = replies.get(uuid);
        about.sort(Comparator.comparing(Reply::createdAt));
        views.add(ActivityJson.of(activity, about));
      });
      return results(span, new Page<>(views, found.nextCursor()));
    });
  }

  ActivityView create(User author, NewActivity request) {
    return create(author, request, Optional.empty());
  }

  /**
   * Creates an activity; with an idempotency key, a retry of the same request answers the activity the first one
   * created (200, nothing new stored) and the same key on a different request is a 422.
   */
  ActivityView create(User author, NewActivity request, Optional<String> idempotencyKey) {
    return tracing.span("create-activity", span -> {
      Instant now = begin(span, "POST /api/activities");
      span.tag("handle", author.handle()).tag("ttl", request.ttl().wire());
      Optional<Idempotency.Claim> claim = idempotencyKey.map(key -> Idempotency.claim(author.uuid(), key,
          "activity", request.message(), request.ttl().wire()));
      ActivityView created;
      try {
        created = publish(UUID.randomUUID(), author, request, now, claim);
      } catch (Idempotency.Replayed replayed) {
        Idempotency.Recorded first = Idempotency.sameRequest(replayed, claim.orElseThrow());
        span.tag("idempotent_replay", true);
        created = activities.find(ActivityItems.activityUuidOf(first.resultPk()), true).map(ActivityJson::of)
            .orElseThrow(() -> ApiException.notFound(ACTIVITY_NOT_FOUND));
      }
      span.detail("activity_uuid", created.uuid());
      return created;
    });
  }

  /**
   * Stores an activity as of {@code createdAt}: the activity, its search-index words (message and author handle) and
   * notifications for the users it mentions. {@link #create} uses it with a new uuid and the current time; seeding
   * uses it with fixed ones.
   */
  public ActivityView publish(UUID uuid, User author, NewActivity request, Instant createdAt) {
    return publish(uuid, author, request, createdAt, Optional.empty());
  }

  private ActivityView publish(UUID uuid, User author, NewActivity request, Instant createdAt,
      Optional<Idempotency.Claim> claim) {
    Instant at = Timestamps.truncate(createdAt);
    Activity activity = new Activity(uuid, author.uuid(), author.handle(), author.displayName(),
        request.message(), 0, 0, 0, at, at.plus(request.ttl().duration()), List.of(), 0);
    List<String> tokens = SearchTokens.tokens(request.message() + " " + author.handle(),
        SearchTokens.MAX_TOKENS_PER_ACTIVITY);
    List<User> mentioned = users.findByHandles(SearchTokens.mentions(request.message())).stream()
        .filter(u -> !u.uuid().equals(author.uuid()))
        .toList();
    writes.create(activity, tokens, mentioned, claim);
    return ActivityJson.of(activity);
  }

  /** The activity with a page of its replies, oldest first. */
  Optional<ShownActivity> show(UUID uuid, PageRequest repliesPage) {
    return tracing.span("show-activity", span -> {
      Instant now = begin(span, "GET /api/activities/{activity_uuid}");
      span.detail("activity_uuid", uuid.toString());
      Optional<ShownActivity> shown = activities.find(uuid, false).filter(a -> a.isLiveAt(now)).map(activity -> {
        Page<Reply> replies = activities.replies(uuid, now, repliesPage);
        return new ShownActivity(ActivityJson.of(activity, replies.items()), replies.nextCursor());
      });
      span.tag("result_length", shown.map(s -> s.activity().replies().size() + 1).orElse(0));
      return shown;
    });
  }

  record ShownActivity(ActivityView activity, Optional<String> nextRepliesCursor) {}

  ReplyView reply(User author, UUID activityUuid, NewReply request) {
    return reply(author, activityUuid, request, Optional.empty());
  }

  /** Adds a reply; an idempotency key works as for {@link #create(User, NewActivity, Optional)}. */
  ReplyView reply(User author, UUID activityUuid, NewReply request, Optional<String> idempotencyKey) {
    return tracing.span("create-reply", span -> {
      Instant now = begin(span, "POST /api/activities/{activity_uuid}/reply");
      span.tag("handle", author.handle()).detail("activity_uuid", activityUuid.toString());
      Optional<Idempotency.Claim> claim = idempotencyKey.map(key -> Idempotency.claim(author.uuid(), key,
          "reply", activityUuid.toString(), request.message()));
      try {
        ActivityWrites.ReplyResult result = writes.addReply(UUID.randomUUID(), activityUuid, author,
            request.message(), Timestamps.truncate(now), claim);
        if (result instanceof ReplyAdded added) {
          return ActivityJson.of(added.reply());
        }
        throw ApiException.notFound(ACTIVITY_NOT_FOUND);
      } catch (Idempotency.Replayed replayed) {
        Idempotency.Recorded first = Idempotency.sameRequest(replayed, claim.orElseThrow());
        span.tag("idempotent_replay", true);
        return activities.findReply(first.resultPk(), first.resultSk()).map(ActivityJson::of)
            .orElseThrow(() -> ApiException.notFound(ACTIVITY_NOT_FOUND));
      }
    });
  }

  /** Adds a reply as of {@code at}; 404 when the activity is unknown or expired at that time. */
  public ReplyView addReply(UUID replyUuid, User author, UUID activityUuid, NewReply request, Instant at) {
    ActivityWrites.ReplyResult result =
        writes.addReply(replyUuid, activityUuid, author, request.message(), Timestamps.truncate(at));
    if (result instanceof ReplyAdded added) {
      return ActivityJson.of(added.reply());
    }
    // The only other outcome (sealed): the activity is unknown or has expired.
    throw ApiException.notFound(ACTIVITY_NOT_FOUND);
  }

  private Instant begin(Span span, String route) {
    Instant now = now();
    span.tag("route", route).detail("now", Timestamps.wire(now));
    return now;
  }

  private static <T> Page<T> results(Span span, Page<T> page) {
    span.tag("result_length", page.items().size());
    return page;
  }
}
