package com.cruddur.activity;

import com.cruddur.activity.ActivityFeeds.Notification;
import com.cruddur.activity.ActivityWrites.ReplyAdded;
import com.cruddur.common.DomainException;
import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.common.Timestamps;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The activity use cases, one method per route. Each takes the request's time ({@code now}) from
 * its caller, so the span the web layer opens around it and the liveness checks inside it agree on
 * one instant. Refusals are {@link DomainException}s; the web layer turns them into statuses and
 * codes.
 */
public class ActivityService {

  public static final String ACTIVITY_NOT_FOUND = "activity_not_found";
  public static final String USER_NOT_FOUND = "user_not_found";

  private final ActivityWrites writes;
  private final ActivityFeeds activities;
  private final UserRepository users;

  public ActivityService(ActivityWrites writes, ActivityFeeds activities, UserRepository users) {
    this.writes = writes;
    this.activities = activities;
    this.users = users;
  }

  /** An activity with the replies shown under it. */
  public record Shown(Activity activity, List<Reply> replies) {}

  /**
   * A created activity; {@code replayed} when an idempotent retry answered the first request's
   * result.
   */
  public record Created(Activity activity, boolean replayed) {}

  /** A created reply; {@code replayed} as for {@link Created}. */
  public record Replied(Reply reply, boolean replayed) {}

  /** The activity with a page of its replies, oldest first. */
  public record Discussion(Activity activity, Page<Reply> replies) {}

  public Page<Activity> home(Instant now, PageRequest page) {
    return activities.home(now, page);
  }

  public Page<Activity> userActivities(Instant now, String handle, PageRequest page) {
    User user =
        users.findByHandle(handle).orElseThrow(() -> DomainException.notFound(USER_NOT_FOUND));
    return activities.byUser(user.uuid(), now, page);
  }

  /**
   * The words a search term looks for (what the index holds), at most {@link
   * SearchTokens#MAX_TERM_TOKENS}.
   */
  public static List<String> searchWords(String term) {
    return SearchTokens.tokens(term, SearchTokens.MAX_TERM_TOKENS);
  }

  public Page<Activity> search(Instant now, List<String> words, PageRequest page) {
    return activities.search(words, now, page);
  }

  /**
   * The user's notifications. Several replies to one activity on the same page are shown as that
   * activity once, with those replies, so the feed never repeats an activity (the frontend keys
   * items by uuid).
   */
  public Page<Shown> notifications(Instant now, User user, PageRequest page) {
    Page<Notification> found = activities.notifications(user.uuid(), now, page);
    Map<UUID, Activity> shown = new LinkedHashMap<>();
    Map<UUID, List<Reply>> replies = new LinkedHashMap<>();
    for (Notification n : found.items()) {
      UUID key = n.activity().uuid();
      shown.putIfAbsent(key, n.activity());
      List<Reply> list = replies.computeIfAbsent(key, k -> new ArrayList<>());
      n.reply().ifPresent(list::add);
    }
    List<Shown> items = new ArrayList<>();
    shown.forEach(
        (uuid, activity) -> {
          List<Reply> about = replies.get(uuid);
          about.sort(Comparator.comparing(Reply::createdAt));
          items.add(new Shown(activity, about));
        });
    return new Page<>(items, found.nextCursor());
  }

  /**
   * Creates an activity; with an idempotency key, a retry of the same request answers the activity
   * the first one created (nothing new stored) and the same key on a different request is refused.
   */
  public Created create(
      Instant now, User author, NewActivity request, Optional<String> idempotencyKey) {
    Optional<Idempotency.Claim> claim =
        idempotencyKey.map(
            key ->
                Idempotency.claim(
                    author.uuid(), key, "activity", request.message(), request.ttl().wire()));
    try {
      return new Created(publish(UUID.randomUUID(), author, request, now, claim), false);
    } catch (Idempotency.Replayed replayed) {
      Idempotency.Recorded first = Idempotency.sameRequest(replayed, claim.orElseThrow());
      Activity activity =
          activities
              .recordedActivity(first)
              .orElseThrow(() -> DomainException.notFound(ACTIVITY_NOT_FOUND));
      return new Created(activity, true);
    }
  }

  /**
   * Stores an activity as of {@code createdAt}: the activity, its search-index words (message and
   * author handle) and notifications for the users it mentions. {@link #create} uses it with a new
   * uuid and the request's time; seeding uses it with fixed ones.
   */
  public Activity publish(UUID uuid, User author, NewActivity request, Instant createdAt) {
    return publish(uuid, author, request, createdAt, Optional.empty());
  }

  private Activity publish(
      UUID uuid,
      User author,
      NewActivity request,
      Instant createdAt,
      Optional<Idempotency.Claim> claim) {
    Instant at = Timestamps.truncate(createdAt);
    Activity activity =
        new Activity(
            uuid,
            author.uuid(),
            author.handle(),
            author.displayName(),
            request.message(),
            0,
            0,
            0,
            at,
            at.plus(request.ttl().duration()),
            List.of(),
            0);
    List<String> tokens =
        SearchTokens.tokens(
            request.message() + " " + author.handle(), SearchTokens.MAX_TOKENS_PER_ACTIVITY);
    List<User> mentioned =
        users.findByHandles(SearchTokens.mentions(request.message())).stream()
            .filter(u -> !u.uuid().equals(author.uuid()))
            .toList();
    writes.create(activity, tokens, mentioned, claim);
    return activity;
  }

  /** The live activity with a page of its replies, oldest first. */
  public Optional<Discussion> show(Instant now, UUID uuid, PageRequest repliesPage) {
    return activities
        .find(uuid, false)
        .filter(a -> a.isLiveAt(now))
        .map(activity -> new Discussion(activity, activities.replies(uuid, now, repliesPage)));
  }

  /** Adds a reply; an idempotency key works as for {@link #create}. */
  public Replied reply(
      Instant now,
      User author,
      UUID activityUuid,
      NewReply request,
      Optional<String> idempotencyKey) {
    Optional<Idempotency.Claim> claim =
        idempotencyKey.map(
            key ->
                Idempotency.claim(
                    author.uuid(), key, "reply", activityUuid.toString(), request.message()));
    try {
      return new Replied(
          addReply(UUID.randomUUID(), author, activityUuid, request, now, claim), false);
    } catch (Idempotency.Replayed replayed) {
      Idempotency.Recorded first = Idempotency.sameRequest(replayed, claim.orElseThrow());
      Reply reply =
          activities
              .recordedReply(first)
              .orElseThrow(() -> DomainException.notFound(ACTIVITY_NOT_FOUND));
      return new Replied(reply, true);
    }
  }

  /**
   * Adds a reply as of {@code at}; not found when the activity is unknown or expired at that time.
   */
  public Reply addReply(
      UUID replyUuid, User author, UUID activityUuid, NewReply request, Instant at) {
    return addReply(replyUuid, author, activityUuid, request, at, Optional.empty());
  }

  private Reply addReply(
      UUID replyUuid,
      User author,
      UUID activityUuid,
      NewReply request,
      Instant at,
      Optional<Idempotency.Claim> claim) {
    if (writes.addReply(
            replyUuid, activityUuid, author, request.message(), Timestamps.truncate(at), claim)
        instanceof ReplyAdded added) {
      return added.reply();
    }
    // The only other outcome (sealed): the activity is unknown or has expired.
    throw DomainException.notFound(ACTIVITY_NOT_FOUND);
  }
}
