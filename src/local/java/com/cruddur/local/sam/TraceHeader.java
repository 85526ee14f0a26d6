package com.cruddur.local.sam;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The X-Ray trace header the Lambda Java runtime sets for each invocation (system property {@code
 * com.amazonaws.xray.traceHeader}): {@code Root=1-<8 hex epoch seconds>-<24 hex>;Parent=<16
 * hex>;Sampled=1}.
 */
public record TraceHeader(String root, String parent, boolean sampled) {

  public static final String SYSTEM_PROPERTY = "com.amazonaws.xray.traceHeader";
  private static final SecureRandom RANDOM = new SecureRandom();

  public static TraceHeader newSampled(Instant now) {
    return new TraceHeader(
        "1-" + String.format("%08x", now.getEpochSecond()) + "-" + hex(12), hex(8), true);
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** The same id in OpenTelemetry's 32-hex form (the X-Ray id without "1-" and the dash). */
  public String otelTraceId() {
    return root.substring(2).replace("-", "");
  }

  @Override
  public String toString() {
    return "Root=" + root + ";Parent=" + parent + ";Sampled=" + (sampled ? "1" : "0");
  }
}
