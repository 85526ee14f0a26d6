package com.cruddur.local.tools.doctor;

import com.cruddur.local.sam.OtelLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Lambda layer flavour's needs (only when the function runs under the layer's exec wrapper).
 */
record LayerChecks(Map<String, String> settings, String origin, Report report) {

  /**
   * The collector configurations the artifact ships at /var/task (template.yaml picks one per
   * OtelLayer).
   */
  static final Map<String, String> COLLECTOR_CONFIGS =
      Map.of("/var/task/collector.yaml", "adot", "/var/task/collector-community.yaml", "community");

  /**
   * OtelLayer=community: the collector config the template gives that flavour (and only that one).
   */
  static boolean community(Map<String, String> settings) {
    return "community"
        .equals(
            COLLECTOR_CONFIGS.get(settings.getOrDefault("OPENTELEMETRY_COLLECTOR_CONFIG_URI", "")));
  }

  /**
   * The layer flavour's own needs: a collector config the artifact ships, and the propagator that
   * joins the wrapper's spans to the invocation's X-Ray trace on Java 17+ (xray-lambda for the
   * community wrapper; ADOT's wrapper feeds the invocation's header to xray itself).
   */
  void flavour() {
    if (!settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")) {
      return;
    }
    String uri = settings.get("OPENTELEMETRY_COLLECTOR_CONFIG_URI");
    String flavour = uri == null ? null : COLLECTOR_CONFIGS.get(uri);
    if (flavour == null) {
      report.fail(
          "collector config",
          "OPENTELEMETRY_COLLECTOR_CONFIG_URI is "
              + (uri == null ? "not set" : uri)
              + ", not a config the artifact ships (the layer would fall back to its own default config, which does not"
              + " send to Honeycomb)",
          "use one of " + new TreeSet<>(COLLECTOR_CONFIGS.keySet()));
      return;
    }
    report.ok("collector config", "the " + flavour + " layer's collector reads " + uri);
    // Unset: the layer script's default (ADOT xray,tracecontext,b3,b3multi; community
    // tracecontext,baggage,xray).
    String set = settings.get("OTEL_PROPAGATORS");
    List<String> propagators =
        Stream.of(
                (set != null
                        ? set
                        : OtelLayer.Flavour.valueOf(flavour.toUpperCase(Locale.ROOT))
                            .defaultPropagators)
                    .split(","))
            .map(String::strip)
            .toList();
    String needed = flavour.equals("community") ? "xray-lambda" : "xray";
    if (propagators.contains(needed)) {
      report.ok(
          "propagators",
          "OTEL_PROPAGATORS has " + needed + ": the spans join the invocation's X-Ray trace");
    } else {
      report.fail(
          "propagators",
          "OTEL_PROPAGATORS ("
              + String.join(",", propagators)
              + ") lacks "
              + needed
              + ": on Java 17+ the "
              + flavour
              + " wrapper's spans would start a trace of their own, apart from X-Ray's",
          "set OTEL_PROPAGATORS="
              + (flavour.equals("community")
                  ? "tracecontext,baggage,xray-lambda"
                  : "tracecontext,baggage,xray"));
    }
  }

  /**
   * In Lambda the collector reads aws/otel/collector.yaml (or collector-community.yaml), whose
   * ${env:NAME} references must all be set in the function's environment; an unset one silently
   * becomes an empty header.
   */
  void collectorReferences() {
    if (!settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")) {
      return;
    }
    Path config =
        Path.of("aws", "otel", community(settings) ? "collector-community.yaml" : "collector.yaml");
    if (!Files.isRegularFile(config)) {
      report.warn(
          "collector config",
          config + " not found from here; run bin/doctor from the repository root",
          "cd to the repository");
      return;
    }
    try {
      Matcher reference =
          Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}")
              .matcher(
                  Files.readAllLines(config, StandardCharsets.UTF_8).stream()
                      .filter(line -> !line.strip().startsWith("#"))
                      .collect(Collectors.joining("\n")));
      List<String> missing = new ArrayList<>();
      while (reference.find()) {
        String value = settings.get(reference.group(1));
        if (value == null || value.isBlank()) {
          missing.add(reference.group(1));
        }
      }
      if (missing.isEmpty()) {
        report.ok("collector config", "every ${env:…} in " + config + " is set");
      } else {
        report.fail(
            "collector config",
            config
                + " uses "
                + missing
                + ", not set in "
                + origin
                + " (the collector would send an empty value)",
            "deploy with HoneycombApiKeySecretArn set");
      }
    } catch (IOException e) {
      report.warn(
          "collector config", "cannot read " + config + ": " + e.getMessage(), "check the file");
    }
  }
}
