package com.cruddur.platform.http;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. The body is always a JSON array of error codes, the shape the
 * Cruddur frontend renders ({@code setErrors(await res.json())}), whatever the status.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final List<String> codes;

  public ApiException(HttpStatus status, List<String> codes) {
    super(status.value() + " " + codes, null, false, false);
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("an API error needs at least one code");
    }
    this.status = status;
    this.codes = List.copyOf(codes);
  }

  public ApiException(HttpStatus status, String code) {
    this(status, List.of(code));
  }

  public static ApiException unprocessable(List<String> codes) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, codes);
  }

  public static ApiException badRequest(String code) {
    return new ApiException(HttpStatus.BAD_REQUEST, code);
  }

  public static ApiException notFound(String code) {
    return new ApiException(HttpStatus.NOT_FOUND, code);
  }

  public HttpStatus status() {
    return status;
  }

  public List<String> codes() {
    return codes;
  }
}
