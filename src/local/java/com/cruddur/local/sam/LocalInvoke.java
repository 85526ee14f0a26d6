package com.cruddur.local.sam;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.platform.CruddurConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/invoke <FunctionLogicalId> <event.json>}: the Docker-free {@code sam local invoke}.
 * Runs the function's handler from template.yaml against a fresh, seeded DynamoDB Local (or, with
 * {@code --endpoint} and {@code --table}, against any DynamoDB endpoint using the default AWS
 * credentials), and prints the function's response JSON on stdout. The function's logs go to
 * stderr, followed by a REPORT line.
 *
 * <p>Where the Runtime Interface Emulator is built or Go can build it, the function runs as {@code
 * sam local invoke} runs it: the sam-build artifact under the RIE and AWS's Java runtime interface
 * client ({@link RuntimeEmulator}). Otherwise, or with {@code --harness}, in this JVM through
 * {@link LambdaHarness}. Which one ran is said on stderr.
 */
public final class LocalInvoke {

  private static final String USAGE =
      """
      usage: bin/invoke <FunctionLogicalId> <event.json>... [--endpoint URL --table NAME] [--template PATH]
                        [--parameter-overrides "Name=Value ..."] [--env-vars env.json] [--unsampled] [--harness]

        Runs one template.yaml function and prints its response on stdout. Several events are invoked in
        order in the same runtime, like one warm Lambda execution environment (first cold, then warm).
        The function runs under AWS's Runtime Interface Emulator and Java runtime interface client when the
        emulator is built (~/.cache/cruddur/rie) or Go can build it; otherwise in this JVM.
        Default: a fresh in-memory DynamoDB Local with the demo data.
        --endpoint URL --table NAME   use an existing table instead (e.g. http://localhost:8000 while
                                      the local server runs, or https://dynamodb.<region>.amazonaws.com)
        --parameter-overrides         template parameters, as for sam deploy (e.g. "Stage=dev LogLevel=DEBUG")
        --unsampled                   as for a request X-Ray's sampling rule left out (Sampled=0)
        --env-vars FILE               environment variables that replace the template's, in sam local invoke's
                                      format: {"<FunctionLogicalId>": {"NAME": "value"}, "Parameters": {...}}
        --harness                     run in this JVM (the in-JVM harness) even where the emulator is available
      """;

  private LocalInvoke() {}

  public static void main(String[] arguments) throws IOException {
    Deque<String> args = new ArrayDeque<>(List.of(arguments));
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    while (!args.isEmpty()) {
      String arg = args.pop();
      if (arg.equals("--unsampled")
          || arg.equals("--harness")
          || arg.equals("--emulator-if-available")) {
        options.put(arg.substring(2), "true");
      } else if (arg.startsWith("--") && !args.isEmpty()) {
        options.put(arg.substring(2), args.pop());
      } else if (arg.equals("-h") || arg.equals("--help")) {
        System.out.print(USAGE);
        return;
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() < 2 || options.containsKey("endpoint") != options.containsKey("table")) {
      System.err.print(USAGE);
      System.exit(2);
    }
    String functionId = positional.get(0);
    List<byte[]> events = new ArrayList<>();
    for (String file : positional.subList(1, positional.size())) {
      events.add(Files.readAllBytes(Path.of(file)));
    }
    Path templatePath = Path.of(options.getOrDefault("template", "template.yaml"));

    PrintStream stdout = System.out;
    System.setOut(
        System.err); // the function's own output is logs; stdout carries only the response
    int exitCode;
    LocalEnvironment local = null;
    try {
      String endpoint = options.get("endpoint");
      String table = options.get("table");
      if (endpoint == null) {
        local = LocalEnvironment.start(templatePath, 0, LocalEnvironment.TABLE_NAME);
        local.seed();
        endpoint = local.endpoint().toString();
        table = local.tableName();
      }
      SamTemplate template = local != null ? local.template() : SamTemplate.load(templatePath);
      Map<String, String> names = new HashMap<>(LambdaHarness.localNames(table));
      for (String override : options.getOrDefault("parameter-overrides", "").trim().split("\\s+")) {
        if (!override.isEmpty()) {
          String[] pair = override.split("=", 2);
          if (pair.length != 2) {
            throw new IllegalArgumentException(
                "--parameter-overrides wants Name=Value, got " + override);
          }
          names.put(pair[0], pair[1]);
        }
      }
      Map<String, String> environment = new HashMap<>();
      if (options.containsKey("env-vars")) {
        JsonNode vars = new ObjectMapper().readTree(Path.of(options.get("env-vars")).toFile());
        for (String section : List.of("Parameters", functionId)) {
          vars.path(section)
              .fields()
              .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        }
      }
      environment.put(CruddurConfig.DYNAMODB_ENDPOINT, endpoint);
      LambdaHarness harness = new LambdaHarness(template, names, environment);
      // bin/invoke asks for the emulator; the main class alone (e.g. the tests' LambdaProcess)
      // stays in this JVM.
      String inJvmReason =
          options.containsKey("harness")
              ? "--harness given"
              : !options.containsKey("emulator-if-available")
                  ? "--emulator-if-available not given"
                  : !RuntimeEmulator.available()
                      ? "aws-lambda-rie is not at "
                          + RuntimeEmulator.binary()
                          + " and Go is not on the PATH to build it"
                      : OtelLayer.wraps(harness.environment(functionId))
                          ? "the ADOT layer's exec wrapper is not emulated under" + " the RIE"
                          : null;
      if (inJvmReason == null) {
        exitCode = underEmulator(harness, functionId, events, options, stdout);
      } else {
        System.err.println(
            "bin/invoke: "
                + functionId
                + " in this JVM through the in-JVM harness ("
                + inJvmReason
                + ")");
        inThisJvm(harness, functionId, events, options, stdout);
        exitCode = 0;
      }
    } catch (LambdaHarness.HandlerFailedException e) {
      e.getCause().printStackTrace();
      exitCode = 1;
    } finally {
      if (local != null) {
        local.close();
      }
      System.setOut(stdout);
    }
    System.exit(exitCode);
  }

  private static void inThisJvm(
      LambdaHarness harness,
      String functionId,
      List<byte[]> events,
      Map<String, String> options,
      PrintStream stdout)
      throws IOException {
    for (byte[] event : events) {
      TraceHeader sampled = TraceHeader.newSampled(Instant.now());
      LambdaHarness.Invocation invocation =
          harness.invoke(
              functionId,
              event,
              options.containsKey("unsampled")
                  ? new TraceHeader(sampled.root(), sampled.parent(), false)
                  : sampled);
      stdout.println(
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(invocation.json()));
      System.err.printf(
          "REPORT RequestId: %s Function: %s Duration: %.2f ms XRayTraceId: %s%n",
          invocation.requestId(),
          invocation.functionName(),
          invocation.durationNanos() / 1e6,
          invocation.trace().root());
    }
  }

  /** Runs the events under the RIE + RIC, in processes of their own; returns the exit code. */
  private static int underEmulator(
      LambdaHarness harness,
      String functionId,
      List<byte[]> events,
      Map<String, String> options,
      PrintStream stdout)
      throws IOException {
    Path rie = RuntimeEmulator.install();
    System.err.println(
        "bin/invoke: "
            + functionId
            + " under the Runtime Interface Emulator ("
            + rie
            + ", "
            + RuntimeEmulator.VERSION
            + ") and the Java runtime interface client, on "
            + LambdaArtifact.DIRECTORY);
    Map<String, String> environment =
        new LinkedHashMap<>(RuntimeEmulator.environment(harness, functionId));
    if (options.containsKey("endpoint")) {
      // A real table: the caller's credentials (environment or profile), not the emulator's fakes.
      List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
          .forEach(environment::remove);
      System.getenv()
          .forEach(
              (name, value) -> {
                if (name.startsWith("AWS_") && !environment.containsKey(name)
                    || name.equals("HOME")) {
                  environment.put(name, value);
                }
              });
    }
    PrintStream logs = System.err;
    int exitCode = 0;
    try (RuntimeEmulator runtime =
        RuntimeEmulator.start(harness, functionId, environment, logs::println)) {
      for (byte[] event : events) {
        TraceHeader sampled = TraceHeader.newSampled(Instant.now());
        RuntimeEmulator.Response response =
            runtime.invoke(
                event,
                options.containsKey("unsampled")
                    ? new TraceHeader(sampled.root(), sampled.parent(), false)
                    : sampled);
        JsonNode json;
        try {
          json = new ObjectMapper().readTree(response.body());
        } catch (IOException notJson) {
          json = null; // e.g. the emulator's "Task timed out after 15.00 seconds"
        }
        stdout.println(
            json != null
                ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json)
                : new String(response.body(), StandardCharsets.UTF_8));
        if (response.functionError() || response.status() != 200 || json == null) {
          exitCode = 1;
        }
      }
    }
    return exitCode;
  }
}
