package com.cruddur.support;

import com.cruddur.platform.observe.trace.Tracing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Records span names, their tags and the failures that escaped them. */
public final class RecordingTracing implements Tracing, Tracing.Span {
  public final List<String> spans = new ArrayList<>();
  public final Map<String, Object> tags = new LinkedHashMap<>();
  public final List<Throwable> failures = new ArrayList<>();

  @Override
  public <T> T span(String name, Function<Span, T> work) {
    spans.add(name);
    try {
      return work.apply(this);
    } catch (RuntimeException e) {
      failures.add(e);
      throw e;
    }
  }

  @Override
  public Span annotate(String key, Object value) {
    tags.put(key, value);
    return this;
  }

  @Override
  public Span detail(String key, Object value) {
    tags.put(key, value);
    return this;
  }
}
