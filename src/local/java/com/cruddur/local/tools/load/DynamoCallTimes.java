package com.cruddur.local.tools.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Inside the server under load: how long each DynamoDB call of the application took (from the SDK
 * call's start to its end, retries included), how many HTTP attempts it made, and how the failed
 * ones failed. Added to the application's client as one more interceptor, so the request path is
 * the production one; it is what splits a create's time into DynamoDB and the rest.
 */
final class DynamoCallTimes implements ExecutionInterceptor {

  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("load-started");

  private final Figures.Tally calls = new Figures.Tally();

  /** DynamoDB time of the request this thread serves, for {@link ServerTimes}. */
  private final ThreadLocal<long[]> onThread = ThreadLocal.withInitial(() -> new long[1]);

  private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

  /** Per operation: calls, failed calls, latencies. */
  record Snapshot(Figures calls, Map<String, Long> attempts, Map<String, Long> failures) {

    static final Snapshot NONE = new Snapshot(Figures.NONE, Map.of(), Map.of());

    Snapshot plus(Snapshot other) {
      return new Snapshot(
          calls.plus(other.calls), sum(attempts, other.attempts), sum(failures, other.failures));
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
      Map<String, Long> out = new TreeMap<>(a);
      b.forEach((k, v) -> out.merge(k, v, Long::sum));
      return out;
    }
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.computeIfAbsent(operation(attributes), o -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    finish(attributes, null);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    finish(attributes, context.exception());
  }

  private void finish(ExecutionAttributes attributes, Throwable failure) {
    Long started = attributes.getAttribute(STARTED);
    if (started == null) {
      // Refused before it began (the deadline interceptor runs first).
      return;
    }
    String operation = operation(attributes);
    long nanos = System.nanoTime() - started;
    onThread.get()[0] += nanos;
    calls.record(operation, nanos / 1000, failure != null);
    if (failure != null) {
      failures
          .computeIfAbsent(
              operation + " " + failure.getClass().getSimpleName(), k -> new AtomicLong())
          .incrementAndGet();
    }
  }

  /** The DynamoDB time this thread spent since the last call; counting starts afresh. */
  long takeThreadNanos() {
    long[] spent = onThread.get();
    long nanos = spent[0];
    spent[0] = 0;
    return nanos;
  }

  private static String operation(ExecutionAttributes attributes) {
    String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return name == null ? "?" : name;
  }

  /** What was measured since the last call; measuring starts afresh. */
  synchronized Snapshot take(double seconds) {
    Figures figures = calls.figures(seconds);
    calls.clear();
    Snapshot snapshot = new Snapshot(figures, drain(attempts), drain(failures));
    return snapshot;
  }

  private static Map<String, Long> drain(Map<String, AtomicLong> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.getAndSet(0)));
    out.values().removeIf(v -> v == 0);
    return new LinkedHashMap<>(out);
  }
}
