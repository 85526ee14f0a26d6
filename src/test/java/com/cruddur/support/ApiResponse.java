package com.cruddur.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP-ish response, from API Gateway proxy output or from a real HTTP exchange, with
 * case-insensitive headers.
 */
public record ApiResponse(int status, Map<String, List<String>> headers, String body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ApiResponse {
    Map<String, List<String>> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    insensitive.putAll(headers);
    headers = insensitive;
  }

  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("body is not JSON: " + body, e);
    }
  }

  /** The cursor from a {@code Link: <?…cursor=…>; rel="next"} header, or null. */
  public String nextCursor() {
    String link = header("Link");
    if (link == null) {
      return null;
    }
    Matcher m = Pattern.compile("[?&]cursor=([^&>]+)").matcher(link);
    return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
  }
}
