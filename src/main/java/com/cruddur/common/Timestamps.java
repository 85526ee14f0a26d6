package com.cruddur.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One place for the two timestamp shapes we use.
 *
 * <p>The wire shape matches the Cruddur reference ({@code 2023-02-06T18:11:03.123456+00:00}:
 * microseconds and an explicit offset). The storage shape is fixed-width UTC with a literal {@code
 * Z}, so that string order equals time order in DynamoDB sort keys.
 */
public final class Timestamps {

  private static final DateTimeFormatter WIRE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STORAGE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Microsecond precision everywhere, so a value survives a storage round trip unchanged. */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  public static String wire(Instant instant) {
    return WIRE.format(instant);
  }

  public static String storage(Instant instant) {
    return STORAGE.format(instant);
  }

  public static Instant parseStorage(String value) {
    return Instant.from(STORAGE.parse(value));
  }

  /** The UTC calendar day, used to bucket the home feed. */
  public static String day(Instant instant) {
    return DAY.format(instant);
  }
}
