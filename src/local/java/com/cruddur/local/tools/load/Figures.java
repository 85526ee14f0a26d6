package com.cruddur.local.tools.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one side of a load run (our stack or the baseline) did: per route, how many requests, how
 * many failed, and every latency (failed requests included: a 503 after the call budget is time a
 * client waited).
 *
 * @param seconds the wall time the side ran, over all its rounds
 * @param routes by route label, in the order first seen
 */
record Figures(double seconds, Map<String, PerRoute> routes) {

  /**
   * One route's figures.
   *
   * @param latenciesMicros sorted ascending
   */
  record PerRoute(long requests, long errors, long[] latenciesMicros) {

    PerRoute plus(PerRoute other) {
      long[] both =
          Arrays.copyOf(latenciesMicros, latenciesMicros.length + other.latenciesMicros.length);
      System.arraycopy(
          other.latenciesMicros, 0, both, latenciesMicros.length, other.latenciesMicros.length);
      Arrays.sort(both);
      return new PerRoute(requests + other.requests, errors + other.errors, both);
    }

    double errorRate() {
      return requests == 0 ? Double.NaN : (double) errors / requests;
    }

    /** Nearest-rank percentile in milliseconds; NaN with no requests. */
    double percentileMillis(double percentile) {
      return percentile(latenciesMicros, percentile) / 1000.0;
    }
  }

  static final Figures NONE = new Figures(0, Map.of());

  long requests() {
    return routes.values().stream().mapToLong(PerRoute::requests).sum();
  }

  long errors() {
    return routes.values().stream().mapToLong(PerRoute::errors).sum();
  }

  double throughput() {
    return seconds == 0 ? Double.NaN : requests() / seconds;
  }

  /** Both rounds' figures as one: times add up, latencies pool. */
  Figures plus(Figures other) {
    Map<String, PerRoute> merged = new LinkedHashMap<>(routes);
    other.routes.forEach((label, route) -> merged.merge(label, route, PerRoute::plus));
    return new Figures(seconds + other.seconds, merged);
  }

  /**
   * Nearest-rank percentile of sorted values: the smallest value at or above which {@code
   * percentile} % of the values lie; NaN for no values.
   */
  static double percentile(long[] sorted, double percentile) {
    if (percentile <= 0 || percentile > 100) {
      throw new IllegalArgumentException("a percentile is in (0, 100]: " + percentile);
    }
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Collects one side's requests while its clients run. */
  static final class Tally {
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    void record(String route, long micros, boolean failed) {
      latencies
          .computeIfAbsent(
              route,
              r -> {
                order.add(r);
                return Collections.synchronizedList(new ArrayList<>());
              })
          .add(micros);
      AtomicLong count = errors.computeIfAbsent(route, r -> new AtomicLong());
      if (failed) {
        count.incrementAndGet();
      }
    }

    void clear() {
      synchronized (order) {
        order.clear();
        latencies.clear();
        errors.clear();
      }
    }

    Figures figures(double seconds) {
      Map<String, PerRoute> routes = new LinkedHashMap<>();
      List<String> labels;
      synchronized (order) {
        labels = List.copyOf(order);
      }
      for (String label : labels) {
        List<Long> list = latencies.get(label);
        long[] values;
        synchronized (list) {
          values = list.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(values);
        routes.put(label, new PerRoute(values.length, errors.get(label).get(), values));
      }
      return new Figures(seconds, routes);
    }
  }
}
