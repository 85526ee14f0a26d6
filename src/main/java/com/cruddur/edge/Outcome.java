package com.cruddur.edge;

/**
 * How a request ended: its status, the exception behind a 5xx if the application caught one, or the
 * exception that escaped ({@code escaped}, then the status is 500).
 */
public record Outcome(int status, Throwable failure, boolean escaped, double durationMs) {

  public static Outcome answered(int status, Throwable failure, long startNanos) {
    return new Outcome(status, failure, false, millisSince(startNanos));
  }

  public static Outcome escaped(Throwable e, long startNanos) {
    return new Outcome(500, e, true, millisSince(startNanos));
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
