package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(Figures.percentile(sorted, 50)).isEqualTo(5);
    assertThat(Figures.percentile(sorted, 51)).isEqualTo(6);
    assertThat(Figures.percentile(sorted, 99)).isEqualTo(10);
    assertThat(Figures.percentile(sorted, 100)).isEqualTo(10);
    assertThat(Figures.percentile(sorted, 1)).isEqualTo(1);
    assertThat(Figures.percentile(new long[] {7}, 99)).isEqualTo(7);
    assertThat(Figures.percentile(new long[0], 50)).isNaN();
    assertThatThrownBy(() -> Figures.percentile(sorted, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundsPoolTheirLatenciesAndAddTheirTimes() {
    Figures.Tally first = new Figures.Tally();
    first.record("home", 3_000, false);
    first.record("create", 9_000, true);
    first.record("home", 1_000, false);
    Figures.Tally second = new Figures.Tally();
    second.record("home", 2_000, false);

    Figures both = first.figures(10).plus(second.figures(5));

    assertThat(both.seconds()).isEqualTo(15);
    assertThat(both.requests()).isEqualTo(4);
    assertThat(both.errors()).isEqualTo(1);
    assertThat(both.throughput()).isEqualTo(4 / 15.0);
    assertThat(both.routes().keySet()).containsExactly("home", "create");
    assertThat(both.routes().get("home").latenciesMicros()).containsExactly(1_000, 2_000, 3_000);
    assertThat(both.routes().get("home").percentileMillis(50)).isEqualTo(2.0);
    assertThat(both.routes().get("create").errorRate()).isEqualTo(1.0);
    assertThat(Figures.NONE.plus(new Figures(1, Map.of())).throughput()).isZero();
  }
}
