package com.cruddur.activity;

import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the service reads: the activity feeds, newest first, and one activity with its replies.
 * Every read is bounded and returns only what is live at {@code now}. The store implements it; the
 * domain only names it.
 */
public interface ActivityFeeds {

  Optional<Activity> find(UUID uuid, boolean consistent);

  /** The activity an idempotent create recorded. */
  Optional<Activity> recordedActivity(Idempotency.Recorded recorded);

  /** The reply an idempotent reply recorded. */
  Optional<Reply> recordedReply(Idempotency.Recorded recorded);

  /** Replies of one activity, oldest first. */
  Page<Reply> replies(UUID activityUuid, Instant now, PageRequest page);

  Page<Activity> home(Instant now, PageRequest page);

  Page<Activity> byUser(UUID userUuid, Instant now, PageRequest page);

  /** Activities holding every one of the words. */
  Page<Activity> search(List<String> words, Instant now, PageRequest page);

  /** A user's notification: the activity, and the reply it is about (a mention has none). */
  record Notification(Activity activity, Optional<Reply> reply) {}

  Page<Notification> notifications(UUID userUuid, Instant now, PageRequest page);
}
