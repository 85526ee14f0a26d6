package com.cruddur.platform.dynamo;

import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/** Bounded attempts with a jittered, growing pause between them, so racing writers spread out. */
public final class Retry {

  private Retry() {}

  /**
   * Runs {@code attempt} (given its index, from 0) until it returns, at most {@code attempts}
   * times. A {@code failure} it throws is retried when {@code retryable} says so and attempts are
   * left; otherwise {@code giveUp} says what to throw instead. Other exceptions pass through.
   */
  public static <T, E extends RuntimeException> T attempts(
      int attempts,
      Class<E> failure,
      IntFunction<T> attempt,
      Predicate<? super E> retryable,
      Function<? super E, ? extends RuntimeException> giveUp) {
    for (int n = 0; ; n++) {
      if (n > 0) {
        pause(n);
      }
      try {
        return attempt.apply(n);
      } catch (RuntimeException e) {
        if (!failure.isInstance(e)) {
          throw e;
        }
        E failed = failure.cast(e);
        if (n + 1 >= attempts || !retryable.test(failed)) {
          throw giveUp.apply(failed);
        }
      }
    }
  }

  private static void pause(int attempt) {
    Deadline.check();
    try {
      Thread.sleep(Jitter.millis(5, 15L * attempt + 10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageBusyException("interrupted while retrying a write");
    }
  }
}
