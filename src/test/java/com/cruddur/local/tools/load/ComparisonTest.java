package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  private static Figures figures(double seconds, Map<String, Figures.PerRoute> routes) {
    return new Figures(seconds, new LinkedHashMap<>(routes));
  }

  @Test
  void ratiosAreOursOverTheBaselineAndThroughputIsPerSecondOfEachSide() {
    // Ours: 10 requests in 10 s, p50 20 ms; baseline: 40 in 20 s (2/s), p50 5 ms.
    Figures ours =
        figures(
            10,
            Map.of(
                "create",
                new Figures.PerRoute(
                    10,
                    1,
                    new long[] {
                      10_000, 10_000, 10_000, 10_000, 20_000, 20_000, 20_000, 20_000, 20_000, 90_000
                    })));
    long[] fast = new long[40];
    java.util.Arrays.fill(fast, 5_000);
    fast[39] = 9_000;
    Figures baseline = figures(20, Map.of("create", new Figures.PerRoute(40, 0, fast)));

    List<Comparison.Row> rows = Comparison.rows(ours, baseline);

    Comparison.Row create = rows.get(0);
    assertThat(create.route()).isEqualTo("create");
    assertThat(create.throughputRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(create.p50Ratio()).isCloseTo(4.0, within(1e-9));
    assertThat(create.p99Ratio()).isCloseTo(10.0, within(1e-9));
    assertThat(create.oursErrorRate()).isCloseTo(0.1, within(1e-9));
    assertThat(create.baselineErrorRate()).isZero();
    Comparison.Row all = rows.get(1);
    assertThat(all.route()).isEqualTo(Comparison.ALL);
    assertThat(all.throughputRatio()).isCloseTo(0.5, within(1e-9));
    assertThat(all.p50Ratio()).isNaN();
  }

  @Test
  void aRouteOnlyOneSideHasGetsNoRatioAndAZeroBaselineIsNotDividedBy() {
    Figures ours = figures(1, Map.of("search", new Figures.PerRoute(1, 0, new long[] {1_000})));
    Figures baseline = figures(1, Map.of("home", new Figures.PerRoute(1, 0, new long[] {0})));

    List<Comparison.Row> rows = Comparison.rows(ours, baseline);

    assertThat(rows)
        .extracting(Comparison.Row::route)
        .containsExactly("search", "home", "all routes");
    assertThat(rows.get(0).throughputRatio()).isNaN();
    assertThat(rows.get(1).oursErrorRate()).isNaN();
    assertThat(Comparison.ratio(3, 0)).isNaN();
    assertThat(Report.times(Double.NaN)).isEqualTo("–");
    assertThat(Report.times(1.234)).isEqualTo("1.23");
  }
}
