package com.cruddur.edge.lambda;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * bin/profile's split of an invocation between the decorators and the Spring dispatch: each one's
 * own time (its nanoTime around the rest of the chain, minus the rest), for the first invocation
 * and as medians over the later ones. Off unless {@code -Dcruddur.profile.invocations=true}; a
 * static final flag, so the JIT folds the off branch away and an invocation costs nothing extra.
 */
public final class InvocationProfile {

  static final boolean ON = Boolean.getBoolean("cruddur.profile.invocations");

  /** Warm samples kept per stage (the benchmark's warm runs stay below this). */
  private static final int CAPACITY = 100_000;

  private static String[] stages;
  private static long[] first;
  private static long[][] warm;
  private static int warmCount;
  private static boolean firstDone;

  private InvocationProfile() {}

  /** The chain with each stage's inclusive time recorded; only called when {@link #ON}. */
  static synchronized <T> T chain(
      List<InvocationDecorator> decorators, Supplier<T> handler, DecoratorCall<T> call) {
    int n = decorators.size();
    if (stages == null) {
      stages = new String[n + 1];
      for (int i = 0; i < n; i++) {
        stages[i] = decorators.get(i).getClass().getSimpleName();
      }
      stages[n] = "Spring dispatch (container proxy)";
      first = new long[n + 1];
      warm = new long[n + 1][CAPACITY];
    }
    long[] inclusive = new long[n + 1];
    Supplier<T> next =
        () -> {
          long start = System.nanoTime();
          try {
            return handler.get();
          } finally {
            inclusive[n] = System.nanoTime() - start;
          }
        };
    for (int i = n - 1; i >= 0; i--) {
      int at = i;
      Supplier<T> inner = next;
      next =
          () -> {
            long start = System.nanoTime();
            try {
              return call.around(at, inner);
            } finally {
              inclusive[at] = System.nanoTime() - start;
            }
          };
    }
    T result = next.get();
    long[] own = new long[n + 1];
    for (int i = 0; i <= n; i++) {
      own[i] = inclusive[i] - (i < n ? inclusive[i + 1] : 0);
    }
    if (!firstDone) {
      first = own;
      firstDone = true;
    } else if (warmCount < CAPACITY) {
      for (int i = 0; i <= n; i++) {
        warm[i][warmCount] = own[i];
      }
      warmCount++;
    }
    return result;
  }

  /** One decorator's call around the rest of the chain. */
  interface DecoratorCall<T> {
    T around(int decorator, Supplier<T> next);
  }

  /**
   * JSON: per stage, its own time in the first invocation (ms) and its warm median (µs); empty when
   * off.
   */
  public static synchronized String json() {
    if (stages == null) {
      return "[]";
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < stages.length; i++) {
      long[] samples = Arrays.copyOf(warm[i], warmCount);
      Arrays.sort(samples);
      double median = warmCount == 0 ? 0 : samples[warmCount / 2] / 1e3;
      out.append(i == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"stage\":\"%s\",\"firstMs\":%.2f,\"warmMedianUs\":%.1f}",
                  stages[i],
                  first[i] / 1e6,
                  median));
    }
    return out.append("]").toString();
  }
}
