package com.cruddur.platform.observe.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Tracing} as OpenTelemetry spans, children of whatever span is current (the Lambda
 * wrapper's invocation span, or the local server's request span). Attributes are {@code app.<key>},
 * as in the Flask version's {@code app.now} / {@code app.result_length}. Only loaded when the
 * OpenTelemetry API is on the classpath.
 */
final class OtelTracing implements Tracing {

  static final String INSTRUMENTATION_NAME = "cruddur";

  private final Supplier<OpenTelemetry> openTelemetry;
  private final FailureKind.Classifier classifier;

  /**
   * @param openTelemetry asked at every span: in Lambda the layer's wrapper registers the SDK
   *     globally before the handler starts; locally the server's own instance
   */
  OtelTracing(Supplier<OpenTelemetry> openTelemetry, FailureKind.Classifier classifier) {
    this.openTelemetry = openTelemetry;
    this.classifier = classifier;
  }

  private Tracer tracer() {
    return openTelemetry.get().getTracer(INSTRUMENTATION_NAME);
  }

  @Override
  public <T> T span(String name, Function<Span, T> work) {
    io.opentelemetry.api.trace.Span span;
    try {
      span = tracer().spanBuilder(name).startSpan();
    } catch (RuntimeException tracingFailed) {
      return work.apply(Tracing.NoTracing.INSTANCE); // the work still runs, untraced
    }
    try (Scope ignored = span.makeCurrent()) {
      return work.apply(new OtelSpan(span));
    } catch (RuntimeException e) {
      record(span, e, classifier.classify(e));
      throw e;
    } finally {
      span.end();
    }
  }

  /**
   * A client error is recorded but leaves the span's status unset; anything else marks the span as
   * an error.
   */
  static void record(io.opentelemetry.api.trace.Span span, Throwable e, FailureKind kind) {
    span.recordException(e);
    if (kind.clientError()) {
      span.setAttribute(AttributeKey.stringArrayKey("app.error_codes"), kind.codes());
    } else {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }
  }

  private record OtelSpan(io.opentelemetry.api.trace.Span span) implements Span {

    /** OpenTelemetry indexes every attribute: a tag is written as a detail is. */
    @Override
    public Span annotate(String key, Object value) {
      return detail(key, value);
    }

    @Override
    public Span detail(String key, Object value) {
      if (value instanceof Double || value instanceof Float) {
        span.setAttribute("app." + key, ((Number) value).doubleValue());
      } else if (value instanceof Number n) {
        span.setAttribute("app." + key, n.longValue());
      } else if (value instanceof Boolean b) {
        span.setAttribute("app." + key, b);
      } else if (value instanceof Collection<?> c) {
        span.setAttribute(
            AttributeKey.stringArrayKey("app." + key), c.stream().map(String::valueOf).toList());
      } else {
        span.setAttribute("app." + key, String.valueOf(value));
      }
      return this;
    }
  }
}
