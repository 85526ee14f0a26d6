package com.cruddur.platform.observe.trace;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;

/**
 * The only way shipped code outside this package reaches OpenTelemetry (the local server, a tool,
 * also builds its own SDK). Use only when {@link Otel#PRESENT}, so no OpenTelemetry class loads
 * where the layer is absent. Never throws: a tracing problem must not fail a request.
 */
public final class OtelBridge {

  private OtelBridge() {}

  /**
   * Lambda: X-Ray plus the OpenTelemetry SDK the layer's wrapper registered globally before our
   * handler started (a no-op if the layer is attached without its exec wrapper).
   */
  public static Tracing withLayerSdk(Tracing xray, FailureKind.Classifier classifier) {
    return new CompositeTracing(xray, new OtelTracing(GlobalOpenTelemetry::get, classifier));
  }

  /** Local server: X-Ray plus its own SDK instance (not registered globally). */
  public static Tracing with(
      Tracing xray, OpenTelemetry openTelemetry, FailureKind.Classifier classifier) {
    return new CompositeTracing(xray, new OtelTracing(() -> openTelemetry, classifier));
  }

  /**
   * The current span's trace id and span id (32 and 16 hex), or null when there is no valid current
   * span.
   */
  public static String[] currentIds() {
    try {
      SpanContext context = Span.current().getSpanContext();
      return context.isValid() ? new String[] {context.getTraceId(), context.getSpanId()} : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Describes the current (server or invocation) span as an HTTP request, in semantic-convention
   * names, and names it after the route ("GET /api/activities/{activity_uuid}"), so that Honeycomb
   * groups requests by route rather than by function or by concrete path.
   */
  public static void describeRequest(
      String route, String method, String path, String userAgent, String clientIp) {
    try {
      Span span = Span.current();
      span.updateName(route);
      int space = route.indexOf(' ');
      span.setAttribute("http.route", space < 0 ? route : route.substring(space + 1));
      span.setAttribute("http.request.method", method == null ? "" : method);
      span.setAttribute("url.path", path == null ? "" : path);
      span.setAttribute("app.route", route);
      if (userAgent != null) {
        span.setAttribute("user_agent.original", userAgent);
      }
      if (clientIp != null) {
        span.setAttribute("client.address", clientIp);
      }
    } catch (RuntimeException ignored) {
      // tracing never fails a request
    }
  }

  /**
   * Records the response status on the current span; 5xx marks it as an error (server-span
   * convention).
   */
  public static void describeStatus(int status) {
    try {
      Span span = Span.current();
      span.setAttribute("http.response.status_code", status);
      if (status >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
    } catch (RuntimeException ignored) {
      // tracing never fails a request
    }
  }

  /** The handle of the signed-in user on the current span. */
  public static void describeUser(String handle) {
    try {
      Span.current().setAttribute("app.handle", handle);
    } catch (RuntimeException ignored) {
      // tracing never fails a request
    }
  }
}
