package com.cruddur.platform.observe.report;

import java.util.List;
import java.util.Map;

/**
 * The request an error report describes, already scrubbed ({@link Scrubber}): nothing secret is
 * held here, so nothing secret can be sent.
 */
public record ReportedRequest(
    String method,
    String path,
    String route,
    Map<String, String> headers,
    Map<String, List<String>> query,
    String body,
    String userIp) {

  public static ReportedRequest of(
      String method,
      String path,
      String route,
      Map<String, List<String>> headers,
      Map<String, List<String>> query,
      String body,
      String userIp) {
    return new ReportedRequest(
        method,
        path,
        route,
        Scrubber.headers(headers),
        Scrubber.parameters(query),
        Scrubber.body(body),
        userIp);
  }

  /**
   * The same request with its body left out whatever it holds (only the size of {@code rawBody} is
   * said): for a request the caller knows to be private, which no field-name masking could tell.
   */
  public ReportedRequest withBodyWithheld(String rawBody) {
    return new ReportedRequest(
        method, path, route, headers, query, Scrubber.withheld(rawBody), userIp);
  }
}
