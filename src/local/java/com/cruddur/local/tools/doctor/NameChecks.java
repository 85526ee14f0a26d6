package com.cruddur.local.tools.doctor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The variable names the stack reads, and the checks that the settings use those names and an HTTP
 * protocol.
 */
record NameChecks(Map<String, String> settings, Report report) {

  static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
  static final String TRACES_HEADERS = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  static final String TEAM_HEADER = "x-honeycomb-team";

  /**
   * The OTEL_* and related names the stack uses; anything close to one of these but not equal is a
   * misspelling.
   */
  static final List<String> KNOWN =
      List.of(
          HEADERS,
          TRACES_HEADERS,
          ENDPOINT,
          TRACES_ENDPOINT,
          "OTEL_EXPORTER_OTLP_PROTOCOL",
          "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
          "OTEL_EXPORTER_OTLP_TIMEOUT",
          "OTEL_EXPORTER_OTLP_COMPRESSION",
          "OTEL_SERVICE_NAME",
          "OTEL_RESOURCE_ATTRIBUTES",
          "OTEL_TRACES_SAMPLER",
          "OTEL_TRACES_SAMPLER_ARG",
          "OTEL_PROPAGATORS",
          "OTEL_TRACES_EXPORTER",
          "OTEL_METRICS_EXPORTER",
          "OTEL_LOGS_EXPORTER",
          "OTEL_SDK_DISABLED",
          "OTEL_BSP_SCHEDULE_DELAY",
          "HONEYCOMB_API_KEY",
          "HONEYCOMB_ENDPOINT",
          "ROLLBAR_ACCESS_TOKEN",
          "ROLLBAR_TOKEN_SECRET_ARN",
          "AWS_XRAY_DAEMON_ADDRESS",
          "OPENTELEMETRY_COLLECTOR_CONFIG_URI",
          "AWS_LAMBDA_EXEC_WRAPPER",
          "HONEYCOMB_API_KEY_SECRET_ARN");

  /** Levenshtein distance, for "did you mean". */
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  /** The local server's exporter speaks HTTP only (no gRPC sender is on its classpath). */
  void protocol() {
    for (String variable :
        List.of("OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")) {
      String protocol = settings.get(variable);
      if (protocol != null
          && !settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")
          && !List.of("http/protobuf", "http/json").contains(protocol.strip())) {
        report.fail(
            "OTLP protocol",
            variable + "=" + protocol.strip() + ": the local server exports over HTTP only",
            "unset it (http/protobuf is the default) or set http/protobuf");
      }
    }
  }

  void spelling() {
    boolean any = false;
    for (String name : settings.keySet()) {
      if (KNOWN.contains(name)) {
        continue;
      }
      String upper = name.toUpperCase(Locale.ROOT);
      String closest = null;
      int best = Integer.MAX_VALUE;
      for (String known : KNOWN) {
        int distance = DISTANCE.apply(upper, known);
        if (distance < best) {
          best = distance;
          closest = known;
        }
      }
      boolean relevant =
          upper.startsWith("OTEL")
              || upper.startsWith("HONEYCOMB")
              || upper.startsWith("ROLLBAR")
              || upper.contains("XRAY");
      if (relevant && closest != null && (best <= 3 || upper.equals(closest))) {
        any = true;
        report.fail(
            "variable names",
            name + " is set, but nothing reads that name; the name read is " + closest,
            "rename "
                + name
                + " to "
                + closest
                + (closest.equals(HEADERS)
                    ? " (plural: OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=<key>\")"
                    : ""));
      }
    }
    if (!any) {
      report.ok("variable names", "no misspelled OTEL_*, HONEYCOMB_*, ROLLBAR_* or X-Ray variable");
    }
  }
}
