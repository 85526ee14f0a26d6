package com.cruddur.common;

import java.util.Optional;

/**
 * How many items a client wants and where to continue. Every list endpoint is paged and bounded:
 * there is no way to ask for an unbounded read.
 */
public record PageRequest(int limit, Optional<String> cursor) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 50;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(limit, Optional.empty());
  }
}
