package com.cruddur.edge;

import com.cruddur.platform.observe.report.ReportedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A request as the edge saw it, built once per request (from the API Gateway event in Lambda, from
 * the servlet request locally) and handed to every observer. {@code route} is the one spelling of
 * the route ({@code GET /api/activities/{activity_uuid}}); {@code timeLeft} is how long a report
 * may still take.
 */
public record EdgeRequest(
    String route,
    String method,
    String path,
    String requestId,
    String sourceIp,
    String userAgent,
    Supplier<Content> content,
    Supplier<Duration> timeLeft) {

  /**
   * What only a report reads, so it is read only for a report (reading a form body's parameters
   * consumes it).
   */
  public record Content(
      Map<String, List<String>> headers, Map<String, List<String>> query, String body) {}

  /**
   * What an error report may carry, scrubbed; the body only where it is not private ({@link
   * PrivateBodies}: a direct message's body is replaced by a note of its size).
   */
  public ReportedRequest reported() {
    Content c = content.get();
    ReportedRequest reported =
        ReportedRequest.of(method, path, route, c.headers(), c.query(), c.body(), sourceIp);
    return PrivateBodies.of(this) ? reported.withBodyWithheld(c.body()) : reported;
  }
}
