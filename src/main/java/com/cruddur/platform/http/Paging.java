package com.cruddur.platform.http;

import com.cruddur.common.Page;
import com.cruddur.common.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/** The {@code limit}/{@code cursor} query parameters and the {@code Link rel="next"} header. */
public final class Paging {

  private Paging() {}

  public static PageRequest request(String limit, String cursor) {
    int size = PageRequest.DEFAULT_LIMIT;
    if (limit != null) {
      if (!limit.matches("[0-9]{1,3}")) {
        throw ApiException.badRequest(ErrorCodes.LIMIT_INVALID);
      }
      size = Integer.parseInt(limit);
      if (size < 1 || size > PageRequest.MAX_LIMIT) {
        throw ApiException.badRequest(ErrorCodes.LIMIT_INVALID);
      }
    }
    if (cursor != null && cursor.isEmpty()) {
      throw ApiException.badRequest(ErrorCodes.CURSOR_INVALID);
    }
    return new PageRequest(size, Optional.ofNullable(cursor));
  }

  /**
   * Adds {@code Link: <?…&cursor=…>; rel="next"}. The reference is relative (query only), so it
   * resolves against whatever URL the client used, API Gateway stage prefix included.
   */
  public static ResponseEntity.BodyBuilder withNextLink(
      ResponseEntity.BodyBuilder response,
      Optional<String> nextCursor,
      HttpServletRequest request) {
    if (nextCursor.isEmpty()) {
      return response;
    }
    StringJoiner query = new StringJoiner("&", "?", "");
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      if (!parameter.getKey().equals("cursor")) {
        for (String value : parameter.getValue()) {
          query.add(encode(parameter.getKey()) + "=" + encode(value));
        }
      }
    }
    query.add("cursor=" + encode(nextCursor.get()));
    return response.header(HttpHeaders.LINK, "<" + query + ">; rel=\"next\"");
  }

  /** A list answer: the page's items as a JSON array, with the next link when there is more. */
  public static <T> ResponseEntity<List<T>> list(Page<T> page, HttpServletRequest request) {
    return withNextLink(ResponseEntity.ok(), page.nextCursor(), request).body(page.items());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
