package com.cruddur.platform.http;

import com.cruddur.common.DomainException;
import com.cruddur.common.Page;
import com.cruddur.common.Timestamps;
import com.cruddur.platform.observe.trace.Tracing;
import com.cruddur.platform.observe.trace.Tracing.Span;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * The span around a service call, opened by the controller so the services stay free of telemetry:
 * named after the use case, tagged with the matched route ({@link Routes}) and the request's time,
 * which the service is handed too.
 */
public final class RouteSpans {

  private final Tracing tracing;
  private final Clock clock;

  public RouteSpans(Tracing tracing, Clock clock) {
    this.tracing = tracing;
    this.clock = clock;
  }

  /** Tags the span with how many items the page holds (the result_length users filter by). */
  public static <T> Page<T> counted(Span span, Page<T> page) {
    span.tag("result_length", page.items().size());
    return page;
  }

  public <T> T span(String name, HttpServletRequest request, BiFunction<Span, Instant, T> work) {
    return tracing.span(
        name,
        span -> {
          Instant now = Timestamps.truncate(clock.instant());
          span.tag("route", Routes.of(request)).detail("now", Timestamps.wire(now));
          try {
            return work.apply(span, now);
          } catch (DomainException refused) {
            // The span records the refusal as the client will see it: a status and its codes.
            throw ApiErrors.toApi(refused);
          }
        });
  }
}
