package com.cruddur.platform.observe.report;

import com.rollbar.api.payload.data.Level;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /rollbar/test}, as in the Flask version: reports a warning "Hello World!" and answers
 * "Hello World!", so the wiring can be checked right after a deploy. It answers the same when
 * reporting is off.
 */
@RestController
class RollbarTestController {

  private final ErrorReporter reporter;

  RollbarTestController(ErrorReporter reporter) {
    this.reporter = reporter;
  }

  @GetMapping(path = "/rollbar/test", produces = MediaType.TEXT_PLAIN_VALUE)
  String test(HttpServletRequest request) {
    reporter.report(Level.WARNING, null, "Hello World!", describe(request), Duration.ofSeconds(2));
    return "Hello World!";
  }

  static ReportedRequest describe(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> query.put(name, List.of(values)));
    return ReportedRequest.of(
        request.getMethod(),
        request.getRequestURI(),
        "GET /rollbar/test",
        headers,
        query,
        null,
        request.getRemoteAddr());
  }
}
