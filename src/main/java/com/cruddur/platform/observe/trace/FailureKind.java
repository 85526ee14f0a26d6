package com.cruddur.platform.observe.trace;

import java.util.List;

/**
 * How a failure shows in a trace: a client error (X-Ray error, OpenTelemetry status left unset,
 * with its codes), a throttle, or a fault. The web layer, which knows which exceptions are the
 * client's, classifies; telemetry only records what it is handed.
 */
public record FailureKind(boolean clientError, boolean throttle, List<String> codes) {

  public static final FailureKind FAULT = new FailureKind(false, false, List.of());

  public static FailureKind client(List<String> codes, boolean throttle) {
    return new FailureKind(true, throttle, List.copyOf(codes));
  }

  /**
   * A fault the client may retry (DynamoDB throttling or unavailability): marked as a throttle too.
   */
  public static final FailureKind BUSY = new FailureKind(false, true, List.of());

  /** Classifies an exception escaping a span. */
  @FunctionalInterface
  public interface Classifier {
    FailureKind classify(Throwable e);

    Classifier ALL_FAULTS = e -> FAULT;
  }
}
