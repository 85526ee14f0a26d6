package com.cruddur.local.server;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.cruddur.edge.EdgeObserver;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.edge.Outcome;
import com.cruddur.platform.http.Routes;
import com.cruddur.platform.observe.log.LogFields;
import com.cruddur.platform.observe.report.Failures;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * The local server's edge: what only a local request needs (a {@code correlation_id} — the caller's
 * {@code X-Request-Id} if it looks like one, else a new uuid —, both forms of the trace id from the
 * request's X-Ray segment, an OpenTelemetry server span with that trace id), then the same
 * observers as the Lambda edge (report, span description, access line), so local runs trace, log
 * and report like Lambda.
 */
final class LocalRequestFilter extends OncePerRequestFilter {

  private static final int BODY_KEPT_FOR_REPORTS = 64 * 1024;

  /** What a report may take; there is no function timeout to stay inside. */
  private static final Duration REPORT_BUDGET = Duration.ofSeconds(2);

  private final AWSXRayRecorder recorder;
  private final List<EdgeObserver> observers;
  private final Tracer tracer;

  LocalRequestFilter(
      AWSXRayRecorder recorder, List<EdgeObserver> observers, OpenTelemetry openTelemetry) {
    this.recorder = recorder;
    this.observers = List.copyOf(observers);
    this.tracer = openTelemetry.getTracer("cruddur");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    Failures.take();
    String requestId = request.getHeader("X-Request-Id");
    String correlationId =
        requestId != null && requestId.matches("[A-Za-z0-9._-]{8,64}")
            ? requestId
            : UUID.randomUUID().toString();
    MDC.put("correlation_id", correlationId);
    Entity segment = recorder.getTraceEntity();
    Span server = serverSpan(request, segment);
    try (Scope ignored = server.makeCurrent()) {
      if (segment != null) {
        LogFields.putTrace(segment.getTraceId().toString(), segment.getId());
      }
      ContentCachingRequestWrapper cached =
          new ContentCachingRequestWrapper(request, BODY_KEPT_FOR_REPORTS) {
            // The wrapper claims ISO-8859-1 when the request names no charset, and Spring would
            // then decode JSON bodies with it (every emoji broken). JSON without a charset is
            // UTF-8: report what the request says.
            @Override
            public String getCharacterEncoding() {
              return request.getCharacterEncoding();
            }
          };
      Outcome outcome;
      try {
        chain.doFilter(cached, response);
        outcome = Outcome.answered(response.getStatus(), Failures.take(), start);
      } catch (IOException | ServletException | RuntimeException | Error e) {
        EdgeObserver.notifyAll(
            observers, described(cached, correlationId), Outcome.escaped(e, start));
        throw e;
      }
      EdgeObserver.notifyAll(observers, described(cached, correlationId), outcome);
    } finally {
      // Whatever happened above: the span ends and leaves this (pooled) thread, and so do the log
      // fields.
      server.end();
      MDC.clear();
    }
  }

  /**
   * The request's OpenTelemetry server span, a child of its X-Ray segment: same trace id, so a
   * trace found in Honeycomb is found in X-Ray by the same id (and the other way round).
   */
  private Span serverSpan(HttpServletRequest request, Entity segment) {
    Context parent = Context.root();
    if (segment != null) {
      SpanContext xray =
          SpanContext.createFromRemoteParent(
              LogFields.otelTraceId(segment.getTraceId().toString()),
              segment.getId(),
              TraceFlags.getSampled(),
              TraceState.getDefault());
      if (xray.isValid()) {
        parent = parent.with(Span.wrap(xray));
      }
    }
    return tracer
        .spanBuilder(request.getMethod() + " " + request.getRequestURI())
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .startSpan();
  }

  /** After the chain, when Spring has matched the route. */
  private static EdgeRequest described(ContentCachingRequestWrapper request, String correlationId) {
    return new EdgeRequest(
        Routes.of(request),
        request.getMethod(),
        request.getRequestURI(),
        correlationId,
        request.getRemoteAddr(),
        request.getHeader("User-Agent"),
        () -> content(request),
        () -> REPORT_BUDGET);
  }

  private static EdgeRequest.Content content(ContentCachingRequestWrapper request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> query.put(name, List.of(values)));
    return new EdgeRequest.Content(
        headers, query, new String(request.getContentAsByteArray(), StandardCharsets.UTF_8));
  }
}
