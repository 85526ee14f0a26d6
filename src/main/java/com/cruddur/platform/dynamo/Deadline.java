package com.cruddur.platform.dynamo;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The time one request may still spend on DynamoDB. The edge sets it once per invocation, from what
 * Lambda says is left; every DynamoDB call checks it before it starts ({@link
 * DeadlineInterceptor}), so however many calls a request makes (a feed's pages, a reply's attempts)
 * it answers 503 in time instead of running into Lambda's timeout, which API Gateway turns into a
 * 502 with no access line and no error report.
 *
 * <p>Held per thread: serverless-java-container and the local server run a request on one thread,
 * and outside an invocation (tools, triggers, tests of the repository) there is no deadline, only
 * the per-call budget.
 */
public final class Deadline {

  private static final ThreadLocal<Long> AT = new ThreadLocal<>();

  private Deadline() {}

  /**
   * Runs {@code work} with {@code budget} left for DynamoDB; restores the caller's deadline
   * afterwards.
   */
  public static <T> T within(Duration budget, Supplier<T> work) {
    Long outer = AT.get();
    AT.set(System.nanoTime() + budget.toNanos());
    try {
      return work.get();
    } finally {
      if (outer == null) {
        AT.remove();
      } else {
        AT.set(outer);
      }
    }
  }

  /** Refuses to start more DynamoDB work once the request's deadline has passed. */
  public static void check() {
    Long at = AT.get();
    if (at != null && System.nanoTime() - at >= 0) {
      throw new DeadlineExceededException();
    }
  }

  /**
   * The request ran out of time for DynamoDB: answered as {@link StorageBusyException}, a 503 to
   * retry later.
   */
  public static final class DeadlineExceededException extends StorageBusyException {
    DeadlineExceededException() {
      super("the request's time for DynamoDB ran out before it finished");
    }
  }
}
