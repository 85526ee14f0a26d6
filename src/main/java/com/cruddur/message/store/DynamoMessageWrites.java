package com.cruddur.message.store;

import static com.cruddur.platform.dynamo.Attributes.PK;

import com.cruddur.common.Idempotency;
import com.cruddur.message.Message;
import com.cruddur.message.MessageWrites;
import com.cruddur.platform.dynamo.Cancellations;
import com.cruddur.platform.dynamo.IdempotencyRecords;
import com.cruddur.platform.dynamo.Retry;
import com.cruddur.platform.dynamo.StorageBusyException;
import com.cruddur.user.User;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Sends a message in one TransactWriteItems: the message, both participants' conversation entries
 * (updated in place: the entry's key never changes, only the index sort key that orders the list),
 * and the idempotency claim if there is one.
 */
public class DynamoMessageWrites implements MessageWrites {

  /**
   * Attempts under contention: each lost attempt means another send to the conversation landed, and
   * the next one goes right after it (the pauses grow, so this stays well inside the deadline).
   */
  private static final int ATTEMPTS = 12;

  /** Where the writes sit in the transaction, to read its cancellation reasons by. */
  private static final int SENDER_ENTRY = 1;

  private static final int RECEIVER_ENTRY = 2;
  private static final int CLAIM = 3;

  private final DynamoDbClient db;
  private final String table;

  public DynamoMessageWrites(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  @Override
  public Message send(Message message, User receiver, Optional<Idempotency.Claim> claim) {
    Message[] attempt = {message};
    return Retry.attempts(
        ATTEMPTS,
        TransactionCanceledException.class,
        n -> {
          try {
            return sendOnce(attempt[0], receiver, claim);
          } catch (TransactionCanceledException e) {
            if (claim.isPresent() && Cancellations.failedCondition(e, CLAIM)) {
              throw new Idempotency.Replayed(IdempotencyRecords.read(db, table, claim.get()));
            }
            // A newer message is already the conversation's last (another send, or a clock a
            // little ahead of ours): this one goes after it rather than before.
            attempt[0] = after(attempt[0], newestListed(e));
            throw e;
          }
        },
        Cancellations::contended,
        e ->
            Cancellations.contended(e)
                ? new StorageBusyException("message kept conflicting with concurrent sends")
                : Cancellations.busyOr(e));
  }

  private Message sendOnce(Message m, User receiver, Optional<Idempotency.Claim> claim) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(
        TransactWriteItem.builder()
            .put(
                Put.builder()
                    .tableName(table)
                    .item(MessageItems.messageItem(m))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .build())
            .build());
    writes.add(bump(m, m.senderUuid(), receiver.uuid(), receiver.handle(), receiver.displayName()));
    writes.add(bump(m, receiver.uuid(), m.senderUuid(), m.handle(), m.displayName()));
    claim.ifPresent(
        c ->
            writes.add(
                TransactWriteItem.builder()
                    .put(
                        Put.builder()
                            .tableName(table)
                            .item(
                                IdempotencyRecords.item(
                                    c,
                                    MessageItems.messagesPk(m.conversationUuid()),
                                    MessageItems.messageSk(m.createdAt(), m.uuid()),
                                    m.createdAt()))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", PK))
                            .build())
                    .build()));
    db.transactWriteItems(b -> b.transactItems(writes));
    return m;
  }

  /** Creates or moves one participant's entry; a failed condition hands back the entry as it is. */
  private TransactWriteItem bump(
      Message m, UUID ownerUuid, UUID otherUuid, String otherHandle, String otherDisplayName) {
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table)
                .key(MessageItems.groupKey(ownerUuid, m.conversationUuid()).attributes())
                .updateExpression(MessageItems.BUMP)
                .conditionExpression(MessageItems.BUMP_CONDITION)
                .expressionAttributeNames(MessageItems.bumpNames())
                .expressionAttributeValues(
                    MessageItems.bumpValues(m, ownerUuid, otherUuid, otherHandle, otherDisplayName))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build())
        .build();
  }

  /** The newest last-message time the entries that refused this message hold, if any. */
  private static Instant newestListed(TransactionCanceledException e) {
    Instant newest = null;
    if (e.hasCancellationReasons()) {
      for (int i : new int[] {SENDER_ENTRY, RECEIVER_ENTRY}) {
        if (e.cancellationReasons().size() > i) {
          CancellationReason reason = e.cancellationReasons().get(i);
          Instant at = reason.hasItem() ? MessageItems.lastMessageAt(reason.item()) : null;
          if (at != null && (newest == null || at.isAfter(newest))) {
            newest = at;
          }
        }
      }
    }
    return newest;
  }

  /** The message moved just after {@code listed}, or unchanged when it is already later. */
  private static Message after(Message m, Instant listed) {
    if (listed == null || m.createdAt().isAfter(listed)) {
      return m;
    }
    return new Message(
        m.uuid(),
        m.conversationUuid(),
        m.senderUuid(),
        m.handle(),
        m.displayName(),
        m.message(),
        listed.plus(1, ChronoUnit.MICROS));
  }
}
