package com.cruddur.local.invoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the ADOT Java wrapper layer does to a function whose {@code AWS_LAMBDA_EXEC_WRAPPER} is
 * {@code /opt/otel-stream-handler}, so that a local run can do the same. Before the runtime starts, the script moves
 * the function's handler to {@code OTEL_INSTRUMENTATION_AWS_LAMBDA_HANDLER}, makes the OpenTelemetry Lambda wrapper
 * class the handler, and sets the flush timeout. The wrapper class then builds the SDK from the OTEL_* variables,
 * registers it globally, opens the invocation span around our handler and flushes at the end of every invocation.
 *
 * <p>The wrapper reads the handler from a real environment variable, so this runs only in a JVM started with
 * {@link #scriptEnvironment} (see the tests' LambdaProcess). The layer's jars are the test classpath's OpenTelemetry
 * SDK and Lambda library plus {@link #jars()}: the AWS SDK instrumentation that registers itself on every client.
 */
public final class OtelLayer {

  public static final String EXEC_WRAPPER = "AWS_LAMBDA_EXEC_WRAPPER";
  public static final String STREAM_HANDLER_SCRIPT = "/opt/otel-stream-handler";
  public static final String HANDLER_VARIABLE = "OTEL_INSTRUMENTATION_AWS_LAMBDA_HANDLER";
  /** The class the layer's stream-handler script makes the function's handler. */
  public static final String WRAPPER_CLASS =
      "io.opentelemetry.instrumentation.awslambdacore.v1_0.TracingRequestStreamWrapper";

  private OtelLayer() {}

  /** Whether the function's environment asks for the layer's stream-handler wrapper. */
  public static boolean wraps(Map<String, String> environment) {
    String wrapper = environment.get(EXEC_WRAPPER);
    if (wrapper == null) {
      return false;
    }
    if (!STREAM_HANDLER_SCRIPT.equals(wrapper)) {
      throw new IllegalArgumentException(EXEC_WRAPPER + "=" + wrapper + " is not emulated locally; the functions"
          + " are stream handlers, for which the layer's script is " + STREAM_HANDLER_SCRIPT);
    }
    return true;
  }

  /** The variables the script exports before the runtime starts, given the function's own environment. */
  public static Map<String, String> scriptEnvironment(String handler, String functionName,
      Map<String, String> environment) {
    Map<String, String> added = new LinkedHashMap<>();
    added.put(HANDLER_VARIABLE, handler);
    added.put("OTEL_INSTRUMENTATION_AWS_LAMBDA_FLUSH_TIMEOUT", "10000");
    // ADOT's front script: its propagator default, and AWS SDK span attributes (table name, …) switched on.
    if (!environment.containsKey("OTEL_PROPAGATORS")) {
      added.put("OTEL_PROPAGATORS", "xray,tracecontext,b3,b3multi");
    }
    added.put("OTEL_INSTRUMENTATION_AWS_SDK_EXPERIMENTAL_SPAN_ATTRIBUTES", "true");
    // ADOT's patched wrapper takes the invocation's parent from Lambda's own trace header when it is sampled, not
    // from the event's HTTP headers. The upstream wrapper used here does that through the xray-lambda propagator
    // (the event's header first, then the header Lambda gives the invocation), so it stands in for xray.
    String propagators = environment.getOrDefault("OTEL_PROPAGATORS", added.get("OTEL_PROPAGATORS"));
    added.put("OTEL_PROPAGATORS", String.join(",", java.util.Arrays.stream(propagators.split(","))
        .map(String::trim).map(p -> p.equals("xray") ? "xray-lambda" : p).toList()));
    String resource = environment.getOrDefault("OTEL_RESOURCE_ATTRIBUTES", "");
    if (!resource.contains("service.name=")) {
      added.put("OTEL_RESOURCE_ATTRIBUTES",
          "service.name=" + functionName + (resource.isEmpty() ? "" : "," + resource));
    }
    return added;
  }

  /** Whether this JVM was started the way the script starts the runtime, for this handler. */
  static boolean activeFor(String handler) {
    return handler.equals(System.getenv(HANDLER_VARIABLE));
  }

  /** The layer jars that are not on the test classpath (built into target/otel-layer by the Maven build). */
  public static List<Path> jars() {
    Path directory = Path.of("target", "otel-layer");
    if (!Files.isDirectory(directory)) {
      throw new IllegalStateException(directory + " is missing; it is made by the Maven build (mvn test-compile)");
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
