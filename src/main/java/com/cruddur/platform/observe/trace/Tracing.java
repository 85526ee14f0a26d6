package com.cruddur.platform.observe.trace;

import java.util.function.Function;

/**
 * The one tracing facade: a named span with attributes, opened by the web layer around a service
 * call ({@code RouteSpans}). A span is an X-Ray subsegment and, where OpenTelemetry is present, an
 * OpenTelemetry span too; the X-Ray SDK (maintenance since 2026-02-25, end of support 2027-02-25)
 * can be dropped behind it without touching the controllers.
 */
public interface Tracing {

  /**
   * Runs {@code work} inside a span named {@code name}. An exception thrown by the work is recorded
   * on the span (a client error as an error, anything else as a fault) and rethrown. Tracing itself
   * never throws.
   */
  <T> T span(String name, Function<Span, T> work);

  /** Attributes of the current span. Keys are lower_snake_case letters, digits and underscores. */
  interface Span {

    String NAMESPACE = "cruddur";

    /** An indexed attribute users filter and group by (an X-Ray annotation). */
    default Span tag(String key, String value) {
      return annotate(key, value);
    }

    default Span tag(String key, long value) {
      return annotate(key, value);
    }

    default Span tag(String key, boolean value) {
      return annotate(key, value);
    }

    /** What the {@code tag} overloads hand on: {@code value} is a String, a Long or a Boolean. */
    Span annotate(String key, Object value);

    /**
     * A descriptive attribute, not indexed (X-Ray metadata in the {@value #NAMESPACE} namespace).
     */
    Span detail(String key, Object value);
  }

  /** For code paths with nothing to trace into (seeding, tools). */
  static Tracing none() {
    return NoTracing.INSTANCE;
  }

  /** A tracing that records nothing. */
  final class NoTracing implements Tracing, Span {
    static final NoTracing INSTANCE = new NoTracing();

    private NoTracing() {}

    @Override
    public <T> T span(String name, Function<Span, T> work) {
      return work.apply(this);
    }

    @Override
    public Span annotate(String key, Object value) {
      return this;
    }

    @Override
    public Span detail(String key, Object value) {
      return this;
    }
  }
}
