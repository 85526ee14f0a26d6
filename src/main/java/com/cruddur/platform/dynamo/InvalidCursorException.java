package com.cruddur.platform.dynamo;

/**
 * A cursor that we did not issue for this query (garbled, truncated, tampered with, or from another
 * list).
 */
public class InvalidCursorException extends RuntimeException {

  public InvalidCursorException(String reason) {
    super(reason, null, false, false);
  }
}
