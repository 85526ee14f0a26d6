package com.cruddur.local.sam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the OpenTelemetry Java wrapper layer (ADOT's or the community one, see {@link Flavour}) does
 * to a function whose {@code AWS_LAMBDA_EXEC_WRAPPER} is {@code /opt/otel-stream-handler}, so that
 * a local run can do the same. Before the runtime starts, the script moves the function's handler
 * to {@code OTEL_INSTRUMENTATION_AWS_LAMBDA_HANDLER}, makes the OpenTelemetry Lambda wrapper class
 * the handler, and sets the flush timeout. The wrapper class then builds the SDK from the OTEL_*
 * variables, registers it globally, opens the invocation span around our handler and flushes at the
 * end of every invocation.
 *
 * <p>The wrapper reads the handler from a real environment variable, so this runs only in a JVM
 * started with {@link #scriptEnvironment} (see the tests' LambdaProcess). The layer's jars are the
 * test classpath's OpenTelemetry SDK and Lambda library plus {@link #jars()}: the AWS SDK
 * instrumentation that registers itself on every client.
 */
public final class OtelLayer {

  public static final String EXEC_WRAPPER = "AWS_LAMBDA_EXEC_WRAPPER";
  public static final String STREAM_HANDLER_SCRIPT = "/opt/otel-stream-handler";
  public static final String HANDLER_VARIABLE = "OTEL_INSTRUMENTATION_AWS_LAMBDA_HANDLER";

  /** The class the layer's stream-handler script makes the function's handler. */
  public static final String WRAPPER_CLASS =
      "io.opentelemetry.instrumentation.awslambdacore.v1_0.TracingRequestStreamWrapper";

  /**
   * The collector configuration the template points the community flavour at (and only that
   * flavour).
   */
  public static final String COMMUNITY_COLLECTOR_CONFIG = "/var/task/collector-community.yaml";

  /**
   * Which layer's script runs. Both ship the same stream wrapper class ({@code
   * awslambdacore.v1_0.TracingRequestStreamWrapper}); their scripts differ in defaults and in how
   * the invocation's X-Ray header reaches the wrapper on Java 17+.
   */
  public enum Flavour {
    /**
     * aws-otel-lambda {@code java/scripts/otel-stream-handler}: ADOT defaults, then the upstream
     * script.
     */
    ADOT("xray,tracecontext,b3,b3multi"),
    /**
     * opentelemetry-lambda {@code java/layer-wrapper/scripts/otel-stream-handler}
     * (layer-javaagent/0.21.0).
     */
    COMMUNITY("tracecontext,baggage,xray");

    /** The script's OTEL_PROPAGATORS when the function sets none. */
    public final String defaultPropagators;

    Flavour(String defaultPropagators) {
      this.defaultPropagators = defaultPropagators;
    }

    /**
     * The flavour a function's environment was deployed with: template.yaml gives each its
     * collector config.
     */
    public static Flavour of(Map<String, String> environment) {
      return COMMUNITY_COLLECTOR_CONFIG.equals(
              environment.get("OPENTELEMETRY_COLLECTOR_CONFIG_URI"))
          ? COMMUNITY
          : ADOT;
    }
  }

  private OtelLayer() {}

  /** Whether the function's environment asks for the layer's stream-handler wrapper. */
  public static boolean wraps(Map<String, String> environment) {
    String wrapper = environment.get(EXEC_WRAPPER);
    if (wrapper == null) {
      return false;
    }
    if (!STREAM_HANDLER_SCRIPT.equals(wrapper)) {
      throw new IllegalArgumentException(
          EXEC_WRAPPER
              + "="
              + wrapper
              + " is not emulated locally; the functions"
              + " are stream handlers, for which the layer's script is "
              + STREAM_HANDLER_SCRIPT);
    }
    return true;
  }

  /**
   * The variables the script exports before the runtime starts, given the function's own
   * environment.
   */
  public static Map<String, String> scriptEnvironment(
      String handler, String functionName, Map<String, String> environment) {
    Flavour flavour = Flavour.of(environment);
    Map<String, String> added = new LinkedHashMap<>();
    added.put(HANDLER_VARIABLE, handler);
    added.put("OTEL_INSTRUMENTATION_AWS_LAMBDA_FLUSH_TIMEOUT", "10000");
    if (!environment.containsKey("OTEL_PROPAGATORS")) {
      added.put("OTEL_PROPAGATORS", flavour.defaultPropagators);
    }
    String resource = environment.getOrDefault("OTEL_RESOURCE_ATTRIBUTES", "");
    if (!resource.contains("service.name=")) {
      added.put(
          "OTEL_RESOURCE_ATTRIBUTES",
          "service.name=" + functionName + (resource.isEmpty() ? "" : "," + resource));
    }
    if (flavour == Flavour.COMMUNITY) {
      // The upstream script adds nothing else: what the function sets (xray-lambda in
      // template.yaml) is what the wrapper gets, so the emulation passes it on unchanged.
      return added;
    }
    // ADOT's front script: AWS SDK span attributes (table name, …) switched on.
    added.put("OTEL_INSTRUMENTATION_AWS_SDK_EXPERIMENTAL_SPAN_ATTRIBUTES", "true");
    // ADOT's wrapper (customizer of aws-otel-lambda PR #1140, in the mapped :8/:9 layers) falls
    // back to the invocation's header from the com.amazonaws.xray.traceHeader property when the
    // event gives no parent. The upstream wrapper used here does that through the xray-lambda
    // propagator (the event's header first, then the header Lambda gives the invocation), so it
    // stands in for xray.
    String propagators =
        environment.getOrDefault("OTEL_PROPAGATORS", added.get("OTEL_PROPAGATORS"));
    added.put(
        "OTEL_PROPAGATORS",
        String.join(
            ",",
            Arrays.stream(propagators.split(","))
                .map(String::trim)
                .map(p -> p.equals("xray") ? "xray-lambda" : p)
                .toList()));
    return added;
  }

  /** Whether this JVM was started the way the script starts the runtime, for this handler. */
  static boolean activeFor(String handler) {
    return handler.equals(System.getenv(HANDLER_VARIABLE));
  }

  /**
   * The layer jars that are not on the test classpath (built into target/otel-layer by the Maven
   * build).
   */
  public static List<Path> jars() {
    Path directory = Path.of("target", "otel-layer");
    if (!Files.isDirectory(directory)) {
      throw new IllegalStateException(
          directory + " is missing; it is made by the Maven build (mvn test-compile)");
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
