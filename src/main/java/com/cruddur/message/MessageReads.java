package com.cruddur.message;

import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * What the service reads: one user's conversations, newest activity first, and one conversation's
 * messages. Every read is bounded and paged. The store implements it; the domain only names it.
 */
public interface MessageReads {

  /** The conversations of {@code ownerUuid}, the most recently active first. */
  Page<MessageGroup> groups(UUID ownerUuid, PageRequest page);

  /**
   * A page of the conversation's messages, oldest first within the page: the first page holds the
   * newest messages, and its cursor continues towards older ones.
   */
  Page<Message> messages(UUID conversationUuid, PageRequest page);

  /** The message an idempotent send recorded. */
  Optional<Message> recordedMessage(Idempotency.Recorded recorded);
}
