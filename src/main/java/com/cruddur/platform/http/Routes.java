package com.cruddur.platform.http;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The one spelling of a route: the method and the path template Spring matched, e.g. {@code GET
 * /api/activities/{activity_uuid}} — the template API Gateway's resources use too, so logs, spans
 * and Rollbar items group by the same name in both modes. X-Ray names cannot hold braces: {@code
 * XRayRequests.name} is the only other rendering.
 */
public final class Routes {

  private Routes() {}

  /**
   * The matched route, or the method and path when nothing matched (a 404, or a refusal made by a
   * filter).
   */
  public static String of(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return of(request.getMethod(), pattern != null ? pattern.toString() : request.getRequestURI());
  }

  public static String of(String method, String template) {
    return (method == null ? "" : method + " ") + (template == null ? "/" : template);
  }
}
