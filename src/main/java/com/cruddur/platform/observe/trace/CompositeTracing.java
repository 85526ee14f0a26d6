package com.cruddur.platform.observe.trace;

import java.util.function.Function;

/**
 * Two tracings at once (X-Ray and OpenTelemetry): one call from the services opens a span in each.
 */
final class CompositeTracing implements Tracing {

  private final Tracing outer;
  private final Tracing inner;

  CompositeTracing(Tracing outer, Tracing inner) {
    this.outer = outer;
    this.inner = inner;
  }

  @Override
  public <T> T span(String name, Function<Span, T> work) {
    return outer.span(name, a -> inner.span(name, b -> work.apply(new Both(a, b))));
  }

  private record Both(Span a, Span b) implements Span {

    @Override
    public Span annotate(String key, Object value) {
      a.annotate(key, value);
      b.annotate(key, value);
      return this;
    }

    @Override
    public Span detail(String key, Object value) {
      a.detail(key, value);
      b.detail(key, value);
      return this;
    }
  }
}
