package com.cruddur.activity;

import com.cruddur.common.Idempotency;
import com.cruddur.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the service writes: an activity with its search words and mentions, and a reply, each all or
 * nothing. The store implements it; the domain only names it.
 */
public interface ActivityWrites {

  /**
   * Writes the activity, its search words, mention notifications and, with a claim, the idempotency
   * key, atomically.
   *
   * @throws Idempotency.Replayed when the key was already used: nothing new is written
   */
  void create(
      Activity activity,
      List<String> words,
      List<User> mentioned,
      Optional<Idempotency.Claim> claim);

  /** The outcome of adding a reply: a closed set, so callers handle both. */
  sealed interface ReplyResult permits ReplyAdded, ParentNotFound {}

  record ReplyAdded(Reply reply) implements ReplyResult {}

  record ParentNotFound() implements ReplyResult {}

  /**
   * Adds a reply to a live activity, with its count, preview and the owner's notification,
   * remembering the idempotency claim if there is one.
   *
   * @throws Idempotency.Replayed when the key was already used: nothing new is written
   */
  ReplyResult addReply(
      UUID replyUuid,
      UUID parentUuid,
      User author,
      String message,
      Instant now,
      Optional<Idempotency.Claim> claim);

  default ReplyResult addReply(
      UUID replyUuid, UUID parentUuid, User author, String message, Instant now) {
    return addReply(replyUuid, parentUuid, author, message, now, Optional.empty());
  }
}
