package com.cruddur.message;

import com.cruddur.common.DomainException;
import com.cruddur.common.Idempotency;
import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import com.cruddur.common.Timestamps;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The direct-message use cases, one method per route. Every one starts from the verified caller: a
 * conversation is found from the caller and the other user's handle (never from an id the client
 * sends), so nobody can read or write a conversation they are not part of. Refusals are {@link
 * DomainException}s; the web layer turns them into statuses and codes.
 */
public class MessageService {

  public static final String USER_NOT_FOUND = "user_not_found";
  public static final String MESSAGE_NOT_FOUND = "message_not_found";

  /** A conversation needs two people: writing to (or reading) one with yourself is refused. */
  public static final String MESSAGE_TO_SELF = "user_receiver_is_self";

  private final MessageReads reads;
  private final MessageWrites writes;
  private final UserRepository users;

  public MessageService(MessageReads reads, MessageWrites writes, UserRepository users) {
    this.reads = reads;
    this.writes = writes;
    this.users = users;
  }

  /** A sent message; {@code replayed} when an idempotent retry answered the first one's. */
  public record Sent(Message message, boolean replayed) {}

  /** The caller's conversations, the most recently active first. */
  public Page<MessageGroup> groups(User caller, PageRequest page) {
    return reads.groups(caller.uuid(), page);
  }

  /** The caller's conversation with {@code otherHandle}, a page of it, oldest first. */
  public Page<Message> conversation(User caller, String otherHandle, PageRequest page) {
    User other = other(caller, otherHandle);
    return reads.messages(Conversations.uuid(caller.uuid(), other.uuid()), page);
  }

  /**
   * Sends a message as of {@code now}; with an idempotency key, a retry of the same request answers
   * the message the first one stored (nothing new) and the same key on another request is refused.
   */
  public Sent send(Instant now, User sender, NewMessage request, Optional<String> idempotencyKey) {
    User receiver = other(sender, request.receiverHandle());
    Optional<Idempotency.Claim> claim =
        idempotencyKey.map(
            key ->
                Idempotency.claim(
                    sender.uuid(), key, "message", receiver.uuid().toString(), request.message()));
    Message message =
        new Message(
            UUID.randomUUID(),
            Conversations.uuid(sender.uuid(), receiver.uuid()),
            sender.uuid(),
            sender.handle(),
            sender.displayName(),
            request.message(),
            Timestamps.truncate(now));
    try {
      return new Sent(writes.send(message, receiver, claim), false);
    } catch (Idempotency.Replayed replayed) {
      Idempotency.Recorded first = Idempotency.sameRequest(replayed, claim.orElseThrow());
      Message recorded =
          reads
              .recordedMessage(first)
              .orElseThrow(() -> DomainException.notFound(MESSAGE_NOT_FOUND));
      return new Sent(recorded, true);
    }
  }

  private User other(User caller, String handle) {
    User other =
        users.findByHandle(handle).orElseThrow(() -> DomainException.notFound(USER_NOT_FOUND));
    if (other.uuid().equals(caller.uuid())) {
      throw new DomainException(DomainException.Kind.REJECTED, MESSAGE_TO_SELF);
    }
    return other;
  }
}
