package com.cruddur.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.sam.LambdaArtifact;
import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.RuntimeEmulator;
import com.cruddur.local.sam.SamTemplate;
import com.cruddur.local.sam.TraceHeader;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.support.ApiResponse;
import com.cruddur.support.EventManifest;
import com.cruddur.support.EventManifest.Entry;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestXRayDaemon;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every events/manifest.json entry through AWS's own runtime: each template.yaml function in the
 * artifact as {@code sam build} lays it out, started by the Runtime Interface Emulator as the Java
 * runtime interface client, in processes of its own (one emulator and runtime JVM per function, all
 * its events in order: the first cold, the rest warm). Asserted as LambdaEventsTest asserts the
 * in-JVM harness, plus what only a real runtime shows: the function's JSON log lines on the
 * runtime's stdout, and the trace header handed over by the Runtime API reaching the logs and the
 * X-Ray subsegments.
 *
 * <p>Its own DynamoDB Local with its own seeded table, so it shares no mutable state with other
 * tests.
 */
class RuntimeEmulatorTest {

  static final String TABLE = "cruddur-runtime-emulator";
  static final String STREAM_HANDLER = "com.cruddur.edge.lambda.StreamLambdaHandler::handleRequest";
  static LocalEnvironment dynamo;
  static LambdaHarness harness;

  /** Per function, as the emulator reported them: a report for BENCHMARKS.md, never asserted. */
  static final Map<String, Timings> TIMINGS = new ConcurrentSkipListMap<>();

  /**
   * The RIE's own figures for one function: {@code INIT REPORT(durationMs: …)}, and the {@code
   * Duration} of each {@code REPORT}. The RIE starts the runtime on the first invoke, so its first
   * REPORT's duration includes init; the first invocation alone is that minus init.
   */
  record Timings(double initMs, double firstInvocationMs, List<Double> laterMs) {
    private static final Pattern INIT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern REPORT =
        Pattern.compile("^REPORT RequestId: .*?\\tDuration: ([0-9.]+) ms");

    static Timings of(List<String> emulatorLog, List<String> output) {
      double init = Double.NaN;
      List<Double> durations = new ArrayList<>();
      for (String line : concat(emulatorLog, output)) {
        Matcher i = INIT.matcher(line);
        if (i.find()) {
          init = Double.parseDouble(i.group(1));
        }
        Matcher r = REPORT.matcher(line);
        if (r.find()) {
          durations.add(Double.parseDouble(r.group(1)));
        }
      }
      double first = durations.isEmpty() ? Double.NaN : durations.get(0) - init;
      return new Timings(
          init, first, durations.size() > 1 ? durations.subList(1, durations.size()) : List.of());
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }

    static void write(Map<String, Timings> timings, Path file) throws IOException {
      if (timings.isEmpty()) {
        return;
      }
      StringBuilder md =
          new StringBuilder(
              "| function | INIT REPORT ms | first invocation ms | later invocations (median ms, n) |\n"
                  + "|---|---:|---:|---:|\n");
      timings.forEach(
          (function, t) -> {
            List<Double> later = t.laterMs().stream().sorted().toList();
            String median =
                later.isEmpty()
                    ? "–"
                    : String.format(
                        Locale.ROOT, "%.1f (%d)", later.get(later.size() / 2), later.size());
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %s |%n",
                    function,
                    t.initMs(),
                    t.firstInvocationMs(),
                    median));
          });
      Files.createDirectories(file.getParent());
      Files.writeString(file, md.toString());
    }
  }

  static List<Entry> manifest() throws IOException {
    return EventManifest.entries();
  }

  /** The manifest's functions, in the order they first appear. */
  static Stream<String> functions() throws IOException {
    Set<String> functions = new LinkedHashSet<>();
    manifest().forEach(entry -> functions.add(entry.function()));
    return functions.stream();
  }

  @BeforeAll
  static void ownTableAndRuntime() {
    assumeTrue(
        RuntimeEmulator.available(),
        "aws-lambda-rie is not built and Go is not on the PATH to build it");
    RuntimeEmulator.install();
    // A DynamoDB Local and table of its own (TTL deletion off, as for the other tiers), seeded.
    dynamo = LocalEnvironment.start(Path.of("template.yaml"), 0, TABLE, false);
    dynamo.seed();
    SamTemplate template = dynamo.template();
    // Straight to DynamoDB Local (no fault-injecting proxy) and to the loopback X-Ray daemon;
    // Rollbar stays off (the template's default: no token secret).
    harness =
        new LambdaHarness(
            template,
            LambdaHarness.localNames(TABLE),
            Map.of(
                CruddurConfig.DYNAMODB_ENDPOINT,
                dynamo.endpoint().toString(),
                "AWS_XRAY_DAEMON_ADDRESS",
                TestXRayDaemon.get().address()));
  }

  @AfterAll
  static void noMalformedDatagrams() throws IOException {
    if (dynamo != null) {
      dynamo.close();
    }
    Timings.write(TIMINGS, Path.of("target/runtime-emulator-timings.md"));
    if (harness != null) {
      assertThat(TestXRayDaemon.get().malformed()).isEmpty();
    }
  }

  @Test
  void everyTemplateFunctionRunsHere() throws IOException {
    assertThat(functions()).containsExactlyInAnyOrderElementsOf(harness.template().functionIds());
  }

  @Test
  void theArtifactHoldsNothingTheRuntimeOrTheTestsBring() throws IOException {
    Path artifact = LambdaArtifact.layOut();
    assertThat(artifact.resolve("com/cruddur/edge/lambda/StreamLambdaHandler.class"))
        .isRegularFile();
    try (Stream<Path> jars = Files.list(artifact.resolve("lib"))) {
      assertThat(jars.map(j -> j.getFileName().toString()).toList())
          .isNotEmpty()
          .noneMatch(j -> j.startsWith("aws-lambda-java-runtime-interface-client"))
          .noneMatch(j -> j.startsWith("aws-lambda-java-serialization"))
          .noneMatch(j -> j.startsWith("DynamoDBLocal"))
          .noneMatch(j -> j.startsWith("tomcat-"))
          .noneMatch(j -> j.startsWith("opentelemetry-"))
          .noneMatch(j -> j.startsWith("junit"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void everyEventAnswersAsDocumentedUnderTheRealRuntime(String functionId) throws IOException {
    List<Entry> entries = manifest().stream().filter(e -> e.function().equals(functionId)).toList();
    List<ProcessHandle> processes;
    Map<String, String> environment =
        new LinkedHashMap<>(RuntimeEmulator.environment(harness, functionId));
    // A safety net, not the template's Timeout: the RIE holds the function's init to that timeout
    // too (Lambda gives init its own 10 s), and a JVM with Spring can take longer than
    // SignUpFunction's 5 s on two busy cores.
    environment.put("AWS_LAMBDA_FUNCTION_TIMEOUT", "120");
    try (RuntimeEmulator runtime =
        RuntimeEmulator.start(
            harness,
            functionId,
            environment,
            line -> System.out.println(functionId + " | " + line))) {
      boolean first = true;
      for (Entry entry : entries) {
        check(runtime, entry, first);
        first = false;
      }
      TIMINGS.put(functionId, Timings.of(runtime.emulatorLog(), runtime.output()));
      processes = runtime.processes();
      assertThat(processes)
          .as("the emulator and the runtime JVM it started")
          .hasSizeGreaterThanOrEqualTo(2);
    }
    assertThat(processes)
        .as("no process left after the function is stopped")
        .noneMatch(ProcessHandle::isAlive);
  }

  private void check(RuntimeEmulator runtime, Entry entry, boolean cold) throws IOException {
    String what = entry.event() + " -> " + entry.function();
    byte[] event = Files.readAllBytes(Path.of("events", entry.event()));
    TableSnapshot itemsBefore = TableSnapshot.of(dynamo.client(), TABLE);
    TraceHeader trace = TraceHeader.newSampled(Instant.now());

    RuntimeEmulator.Response invoked = runtime.invoke(event, trace);

    // The invoke API's status: 200 whenever the function returned (an API error is in the proxy
    // response).
    assertThat(invoked.status()).as(what + ": " + new String(invoked.body())).isEqualTo(200);
    assertThat(runtime.traceHandedOver(invoked.requestId())).as(what).isEqualTo(trace);
    List<JsonNode> lines = runtime.logLines(invoked.requestId());
    for (JsonNode line : lines) {
      assertThat(line.path("xray_trace_id").asText())
          .as(what + ": " + line)
          .isEqualTo(trace.root());
      assertThat(line.path("function_name").asText())
          .as(what)
          .isEqualTo(harness.functionName(entry.function()));
      assertThat(line.path("cold_start").asBoolean()).as(what + ": " + line).isEqualTo(cold);
    }

    if (!entry.isApi()) {
      // A Cognito trigger hands its event back unchanged, as the Java runtime serialises it:
      // without the fields that are null (the in-JVM harness, plain Jackson, keeps them as nulls).
      assertThat(invoked.json()).as(what).isEqualTo(withoutNulls(TestLambda.JSON.readTree(event)));
      return;
    }
    ApiResponse response = TestLambda.toResponse(invoked.json());
    assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(entry.status());
    assertThat(response.header("Access-Control-Allow-Origin"))
        .as(what)
        .isEqualTo("http://localhost:3000");
    if (entry.function().equals("RollbarTestFunction")) {
      assertThat(response.header("Content-Type")).startsWith("text/plain");
      assertThat(response.body()).isEqualTo("Hello World!");
    } else {
      assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
      JsonNode body = response.json();
      if (entry.status() >= 400) {
        assertThat(body.isArray()).as(what + ": " + response.body()).isTrue();
        assertThat(body).isNotEmpty().allSatisfy(code -> assertThat(code.isTextual()).isTrue());
        assertThat(itemsBefore.writesSince())
            .as(what + ": a refused request stores nothing")
            .isEmpty();
      } else {
        assertThat(body.isArray() || body.isObject()).as(what).isTrue();
      }
    }

    // The access line: one per invocation, with the status the function answered.
    List<JsonNode> access =
        lines.stream().filter(l -> l.path("logger").asText().equals("cruddur.access")).toList();
    assertThat(access).as(what + ": " + runtime.output()).hasSize(1);
    assertThat(access.get(0).path("status").asInt()).as(what).isEqualTo(entry.status());
    assertThat(access.get(0).path("function_request_id").asText()).isEqualTo(invoked.requestId());

    // The X-Ray SDK's subsegments, in the handed-over trace, under the function segment Lambda
    // would own.
    List<JsonNode> documents =
        TestXRayDaemon.get()
            .await(
                trace.root(),
                docs ->
                    docs.stream()
                        .anyMatch(d -> trace.parent().equals(d.path("parent_id").asText())),
                Duration.ofSeconds(30));
    for (JsonNode document : documents) {
      assertThat(document.path("type").asText()).as(what + ": " + document).isEqualTo("subsegment");
      assertThat(document.path("trace_id").asText()).isEqualTo(trace.root());
    }
    JsonNode request =
        documents.stream()
            .filter(d -> trace.parent().equals(d.path("parent_id").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(request.path("http").path("response").path("status").asInt())
        .as(what)
        .isEqualTo(entry.status());
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      object
          .fields()
          .forEachRemaining(
              field -> {
                if (field.getValue().isNull()) {
                  nulls.add(field.getKey());
                } else {
                  withoutNulls(field.getValue());
                }
              });
      object.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(RuntimeEmulatorTest::withoutNulls);
    }
    return node;
  }
}
