package com.cruddur.local;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.cruddur.telemetry.AccessLog;
import com.cruddur.telemetry.LogFields;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The local server's side of what the Lambda edge does per request: a {@code correlation_id} (the caller's
 * {@code X-Request-Id} if it looks like one, else a new uuid), both forms of the trace id from the request's X-Ray
 * segment, and one access line, so local logs have the same JSON fields as Lambda's.
 */
final class LocalRequestLogFilter extends OncePerRequestFilter {

  private final AWSXRayRecorder recorder;

  LocalRequestLogFilter(AWSXRayRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    String requestId = request.getHeader("X-Request-Id");
    MDC.put("correlation_id", requestId != null && requestId.matches("[A-Za-z0-9._-]{8,64}")
        ? requestId : UUID.randomUUID().toString());
    Entity segment = recorder.getTraceEntity();
    if (segment != null) {
      LogFields.putTrace(segment.getTraceId().toString(), segment.getId());
    }
    try {
      chain.doFilter(request, response);
    } finally {
      Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      String route = request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI());
      AccessLog.log(new AccessLog.Line(route, request.getMethod(), request.getRequestURI(), response.getStatus(),
          (System.nanoTime() - start) / 1e6, request.getRemoteAddr(), request.getHeader("User-Agent")));
      MDC.clear();
    }
  }
}
