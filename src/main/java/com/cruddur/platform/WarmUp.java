package com.cruddur.platform;

import java.time.Duration;

/**
 * Work done once on a background daemon thread so that its one-time costs (class loading, static
 * initialisation, e.g. the AWS SDK's service metadata) are paid while the caller's thread does
 * something else, e.g. Spring's refresh. The work's result is thrown away: whoever needs the real
 * thing still builds it on its own thread, where a failure surfaces exactly as without the warm-up.
 *
 * <p>Parallelism is only what the machine gives: a Lambda function at 1,536 MB gets ≈ 0.87 of a
 * vCPU of time (1 vCPU at 1,769 MB) however many cores it sees, so there the overlap is worth
 * little; on SnapStart the warm-up is inside the snapshot either way.
 */
public final class WarmUp {

  private final Thread thread;

  private WarmUp(Thread thread) {
    this.thread = thread;
  }

  /** Starts {@code work}; its failures are ignored (the real build on the caller reports them). */
  public static WarmUp start(String name, Runnable work) {
    Thread thread =
        new Thread(
            () -> {
              try {
                work.run();
              } catch (RuntimeException | LinkageError ignored) {
                // Only a warm-up: the real build on the caller's thread fails the same way, loudly.
              }
            },
            name);
    // Never keeps the JVM alive, and ends by itself when the work does (no pool to shut down).
    thread.setDaemon(true);
    thread.start();
    return new WarmUp(thread);
  }

  /**
   * Waits for the warm-up to end, at most {@code limit}, so that the caller does not repeat the
   * same class loading in parallel; after the limit (or an interrupt) the caller just goes on.
   */
  public void await(Duration limit) {
    try {
      thread.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the thread has ended (tests: nothing outlives the warm-up). */
  public boolean finished() {
    return !thread.isAlive();
  }
}
