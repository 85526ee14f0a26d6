package com.cruddur.platform.dynamo;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** What a cancelled TransactWriteItems says about why, by its per-item reasons. */
public final class Cancellations {

  private Cancellations() {}

  /** The condition of the write at {@code index} failed. */
  public static boolean failedCondition(TransactionCanceledException e, int index) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().size() > index
        && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
  }

  /** Another transaction touched one of the items at the same time. */
  public static boolean conflicted(TransactionCanceledException e) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().stream()
            .map(CancellationReason::code)
            .anyMatch("TransactionConflict"::equals);
  }

  /** A concurrent write won: either a conflict or a condition it made false. */
  public static boolean contended(TransactionCanceledException e) {
    return e.hasCancellationReasons()
        && e.cancellationReasons().stream()
            .map(CancellationReason::code)
            .anyMatch(
                code ->
                    "ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code));
  }

  /** A 503 when DynamoDB throttled the transaction, else the cancellation itself. */
  public static RuntimeException busyOr(TransactionCanceledException e) {
    boolean throttled =
        e.hasCancellationReasons()
            && e.cancellationReasons().stream()
                .map(CancellationReason::code)
                .anyMatch(
                    code ->
                        code != null
                            && (code.contains("Throttl") || code.contains("ThroughputExceeded")));
    return throttled ? new StorageBusyException("DynamoDB throttled the transaction") : e;
  }
}
