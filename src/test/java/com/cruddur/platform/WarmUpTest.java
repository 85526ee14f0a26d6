package com.cruddur.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WarmUpTest {

  @Test
  void runsTheWorkOnItsOwnThreadWhichEndsWithIt() {
    AtomicBoolean ranElsewhere = new AtomicBoolean();
    Thread caller = Thread.currentThread();
    WarmUp warmUp =
        WarmUp.start("test-warm-up", () -> ranElsewhere.set(Thread.currentThread() != caller));

    warmUp.await(Duration.ofSeconds(10));

    assertThat(ranElsewhere).isTrue();
    assertThat(warmUp.finished()).isTrue();
  }

  @Test
  void aFailingWarmUpIsIgnoredAndEnds() {
    WarmUp warmUp =
        WarmUp.start(
            "test-warm-up",
            () -> {
              throw new IllegalStateException("no region");
            });

    warmUp.await(Duration.ofSeconds(10));

    assertThat(warmUp.finished()).isTrue();
  }

  @Test
  void anInterruptedWaitGoesOnAndKeepsTheInterrupt() throws InterruptedException {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    WarmUp warmUp =
        WarmUp.start(
            "test-warm-up",
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });

    Thread.currentThread().interrupt();
    warmUp.await(Duration.ofSeconds(10));

    assertThat(Thread.interrupted()).isTrue();
    release.countDown();
    warmUp.await(Duration.ofSeconds(10));
    assertThat(warmUp.finished()).isTrue();
  }
}
