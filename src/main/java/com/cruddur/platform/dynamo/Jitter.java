package com.cruddur.platform.dynamo;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Random pauses between retries, so that racing writers spread out instead of colliding again.
 *
 * <p>Under SnapStart every execution environment restored from one snapshot starts with the
 * generator's state as it was in the snapshot (ThreadLocalRandom's seeds included), so they would
 * all draw the same pauses and keep colliding; {@link #reseed()} after each restore gives each
 * environment its own sequence.
 */
public final class Jitter {

  private static volatile Random random = new Random(new SecureRandom().nextLong());

  private Jitter() {}

  /** A pause in [{@code origin}, {@code bound}) milliseconds. */
  public static long millis(long origin, long bound) {
    return origin + Math.floorMod(random.nextLong(), bound - origin);
  }

  /** A new seed from SecureRandom, which the JDK re-seeds itself after a restore. */
  public static void reseed() {
    random = new Random(new SecureRandom().nextLong());
  }

  /** A fixed seed: only for tests, to tell one sequence from another. */
  public static void seed(long seed) {
    random = new Random(seed);
  }
}
