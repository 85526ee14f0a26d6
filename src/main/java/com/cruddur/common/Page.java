package com.cruddur.common;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of results and, when there may be more, the opaque cursor that continues after the last
 * item.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), nextCursor);
  }
}
