package com.cruddur.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Retry pauses stay in their range, and a reseed (after a SnapStart restore) starts a new sequence.
 */
class JitterTest {

  static List<Long> draws() {
    return IntStream.range(0, 16).mapToObj(i -> Jitter.millis(5, 1_000_000)).toList();
  }

  @Test
  void pausesStayInTheirRange() {
    assertThat(IntStream.range(0, 1000).mapToObj(i -> Jitter.millis(5, 25)))
        .allSatisfy(p -> assertThat(p).isBetween(5L, 24L));
  }

  @Test
  void aReseedLeavesTheSnapshotsSequence() {
    Jitter.seed(42);
    List<Long> fromSnapshot = draws();
    Jitter.seed(42);
    assertThat(draws()).as("the same state draws the same pauses").isEqualTo(fromSnapshot);

    Jitter.seed(42);
    Jitter.reseed();
    assertThat(draws()).isNotEqualTo(fromSnapshot);
  }
}
