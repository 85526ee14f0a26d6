package com.cruddur.activity;

import com.cruddur.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Domain values for the fast tier's tests: a fixed request time and two users. */
public final class Fixtures {

  public static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  public static final User ANDREW =
      new User(UUID.randomUUID(), "andrewbrown", "Andrew Brown", Optional.of("sub-a"));
  public static final User WORF = new User(UUID.randomUUID(), "worf", "Worf", Optional.empty());

  private Fixtures() {}

  /** Andrew's activity, a minute old, live for a day. */
  public static Activity activity(String message, int repliesCount) {
    return new Activity(
        UUID.randomUUID(),
        ANDREW.uuid(),
        ANDREW.handle(),
        ANDREW.displayName(),
        message,
        repliesCount,
        0,
        0,
        NOW.minusSeconds(60),
        NOW.plus(Duration.ofDays(1)),
        List.of(),
        0);
  }

  /** Worf's reply to {@code to} at {@code at}. */
  public static Reply reply(Activity to, Instant at) {
    return new Reply(
        UUID.randomUUID(),
        to.uuid(),
        WORF.uuid(),
        WORF.handle(),
        WORF.displayName(),
        "re",
        0,
        0,
        0,
        at,
        to.expiresAt());
  }
}
