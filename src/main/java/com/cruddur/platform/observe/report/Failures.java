package com.cruddur.platform.observe.report;

/**
 * The exception behind the current request's 5xx, if the application caught one. Spring's error
 * handling records it; the edge (Lambda handler or local filter) reports it with the response, so
 * each failing request is exactly one Rollbar item, whether the failure was an exception we mapped
 * or a 5xx the framework produced on its own.
 */
public final class Failures {

  private static final ThreadLocal<Throwable> CURRENT = new ThreadLocal<>();

  private Failures() {}

  public static void record(Throwable failure) {
    CURRENT.set(failure);
  }

  /** Returns and forgets the current request's failure. */
  public static Throwable take() {
    Throwable failure = CURRENT.get();
    CURRENT.remove();
    return failure;
  }
}
