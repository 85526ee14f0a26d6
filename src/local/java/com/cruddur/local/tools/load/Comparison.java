package com.cruddur.local.tools.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Our stack's figures as ratios to the baseline's from the same run: throughput (ours / baseline,
 * below 1 is slower), p50 and p99 latency (ours / baseline, above 1 is slower), and both error
 * rates side by side (a ratio of two rates near zero says nothing).
 */
final class Comparison {

  /** One route, or all routes together ({@link #ALL}). */
  record Row(
      String route,
      double throughputRatio,
      double p50Ratio,
      double p99Ratio,
      double oursErrorRate,
      double baselineErrorRate) {}

  static final String ALL = "all routes";

  private Comparison() {}

  /** A row per route either side has, then one for all routes (throughput only). */
  static List<Row> rows(Figures ours, Figures baseline) {
    Set<String> all = new LinkedHashSet<>(ours.routes().keySet());
    all.addAll(baseline.routes().keySet());
    List<String> labels = Report.ordered(all);
    List<Row> rows = new ArrayList<>();
    for (String label : labels) {
      Figures.PerRoute a = ours.routes().get(label);
      Figures.PerRoute b = baseline.routes().get(label);
      rows.add(
          new Row(
              label,
              a == null || b == null
                  ? Double.NaN
                  : ratio(a.requests() / ours.seconds(), b.requests() / baseline.seconds()),
              a == null || b == null
                  ? Double.NaN
                  : ratio(a.percentileMillis(50), b.percentileMillis(50)),
              a == null || b == null
                  ? Double.NaN
                  : ratio(a.percentileMillis(99), b.percentileMillis(99)),
              a == null ? Double.NaN : a.errorRate(),
              b == null ? Double.NaN : b.errorRate()));
    }
    rows.add(
        new Row(
            ALL,
            ratio(ours.throughput(), baseline.throughput()),
            Double.NaN,
            Double.NaN,
            rate(ours.errors(), ours.requests()),
            rate(baseline.errors(), baseline.requests())));
    return rows;
  }

  /** {@code a / b}, NaN when either is unknown or {@code b} is zero. */
  static double ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
  }

  private static double rate(long errors, long requests) {
    return requests == 0 ? Double.NaN : (double) errors / requests;
  }
}
