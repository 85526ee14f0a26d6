package com.cruddur.activity;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How long an activity lives, in the spellings the Cruddur frontend sends (ActivityForm's select).
 */
public enum Ttl {
  THIRTY_DAYS("30-days", Duration.ofDays(30)),
  SEVEN_DAYS("7-days", Duration.ofDays(7)),
  THREE_DAYS("3-days", Duration.ofDays(3)),
  ONE_DAY("1-day", Duration.ofDays(1)),
  TWELVE_HOURS("12-hours", Duration.ofHours(12)),
  THREE_HOURS("3-hours", Duration.ofHours(3)),
  ONE_HOUR("1-hour", Duration.ofHours(1));

  /**
   * The longest a live activity can have existed; the home feed never looks further back than this.
   */
  public static final Duration LONGEST = Duration.ofDays(30);

  private final String wire;
  private final Duration duration;

  Ttl(String wire, Duration duration) {
    this.wire = wire;
    this.duration = duration;
  }

  public String wire() {
    return wire;
  }

  public Duration duration() {
    return duration;
  }

  public static Optional<Ttl> fromWire(String value) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
  }
}
