package com.cruddur.platform.observe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.platform.observe.log.LogFields;
import com.cruddur.support.FakeSecrets;
import com.cruddur.support.LambdaProcess;
import com.cruddur.support.TestCollector;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestOtlpReceiver;
import com.cruddur.support.TestOtlpReceiver.Mode;
import com.cruddur.support.TestOtlpReceiver.ReceivedSpan;
import com.cruddur.support.TestXRayDaemon;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A function deployed with a Honeycomb key, run the way the ADOT layer runs it: the template's
 * environment, what the layer's {@code /opt/otel-stream-handler} script adds, OpenTelemetry's
 * Lambda wrapper class as the handler, and the layer's AWS SDK instrumentation on the classpath,
 * each in its own JVM. The OTLP/HTTP receiver stands where the layer's collector listens; the X-Ray
 * daemon stand-in gets the same invocations' segments over UDP.
 */
class OtelLambdaTest {

  /** An obviously fake ingest key; it only ever travels to loopback. */
  static final String FAKE_KEY = FakeSecrets.HONEYCOMB_INGEST_KEY;

  static final String SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/honeycomb-AbCdEf";

  /**
   * A Honeycomb deploy with the ADOT flavour (since the community flavour became the default,
   * named).
   */
  static final Map<String, String> ADOT =
      Map.of("HoneycombApiKeySecretArn", SECRET_ARN, "OtelLayer", "adot");

  static final Pattern REPORT =
      Pattern.compile(
          "REPORT RequestId: (\\S+) Function: \\S+ Duration: ([0-9.]+) ms"
              + " XRayTraceId: (1-[0-9a-f]{8}-[0-9a-f]{24})");

  static LambdaHarness harness;
  static TestOtlpReceiver collector;
  static TestOtlpReceiver refusing;
  static TestOtlpReceiver slow;
  static CompletableFuture<LambdaProcess.Result> exported;
  static CompletableFuture<LambdaProcess.Result> unauthorized;
  static CompletableFuture<LambdaProcess.Result> hanging;
  static CompletableFuture<LambdaProcess.Result> down;
  static CompletableFuture<LambdaProcess.Result> withoutLayer;
  static CompletableFuture<LambdaProcess.Result> unsampled;
  static TestOtlpReceiver unsampledCollector;

  @BeforeAll
  static void invoke() throws Exception {
    harness = TestLambda.harnessWith(ADOT, Map.of(SECRET_ARN, FAKE_KEY));
    collector = new TestOtlpReceiver();
    refusing = new TestOtlpReceiver().respond(Mode.UNAUTHORIZED);
    slow = new TestOtlpReceiver().respond(Mode.SLOW).delay(Duration.ofSeconds(30));
    exported = start(collector.endpoint().toString(), "events/home.json", "events/home.json");
    unauthorized = start(refusing.endpoint().toString(), "events/home.json", "events/home.json");
    hanging = start(slow.endpoint().toString(), "events/home.json", "events/home.json");
    unsampledCollector = new TestOtlpReceiver();
    unsampled = start(unsampledCollector.endpoint().toString(), "events/home.json", "--unsampled");
    withoutLayer =
        LambdaProcess.startWithoutOpenTelemetry(
            "HomeActivitiesFunction", TestDynamo.TABLE, "events/home.json");
    try (ServerSocket closed = new ServerSocket(0)) {
      down =
          start(
              "http://127.0.0.1:" + closed.getLocalPort(), "events/home.json", "events/home.json");
    }
  }

  @AfterAll
  static void close() {
    for (TestOtlpReceiver receiver :
        new TestOtlpReceiver[] {collector, refusing, slow, unsampledCollector}) {
      if (receiver != null) {
        receiver.close();
      }
    }
  }

  /** In Lambda the SDK exports to the collector on localhost; here the receiver takes its place. */
  static CompletableFuture<LambdaProcess.Result> start(String collectorEndpoint, String... events) {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_XRAY_DAEMON_ADDRESS", TestXRayDaemon.get().address());
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", collectorEndpoint);
    environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    return LambdaProcess.start(
        harness, "HomeActivitiesFunction", environment, TestDynamo.TABLE, events);
  }

  record Report(String requestId, double durationMs, String xrayTraceId) {}

  static List<Report> reports(LambdaProcess.Result result) {
    List<Report> reports = new ArrayList<>();
    Matcher matcher = REPORT.matcher(result.stderr());
    while (matcher.find()) {
      reports.add(
          new Report(matcher.group(1), Double.parseDouble(matcher.group(2)), matcher.group(3)));
    }
    return reports;
  }

  @Test
  void theTemplateTurnsTheLayerOnOnlyWithAKey() {
    Map<String, String> with = harness.environment("HomeActivitiesFunction");
    assertThat(with)
        .containsEntry("AWS_LAMBDA_EXEC_WRAPPER", "/opt/otel-stream-handler")
        .containsEntry("HONEYCOMB_API_KEY", FAKE_KEY)
        .containsEntry("HONEYCOMB_ENDPOINT", "https://api.honeycomb.io")
        .containsEntry("OTEL_SERVICE_NAME", "cruddur")
        .containsEntry("OTEL_TRACES_SAMPLER", "always_on")
        .containsEntry("OPENTELEMETRY_COLLECTOR_CONFIG_URI", "/var/task/collector.yaml");
    assertThat(with.get("OTEL_PROPAGATORS")).contains("xray");
    Object layers =
        harness.template().function("HomeActivitiesFunction").properties().get("Layers");
    assertThat(
            harness
                .template()
                .resolveList(
                    layers, with(ADOT, "AWS::Region", "eu-west-1", "AWS::Partition", "aws")))
        .containsExactly(
            "arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-java-wrapper-arm64-ver-1-32-0:8");
    assertThat(
            harness
                .template()
                .resolveList(
                    layers,
                    with(
                        ADOT,
                        "OtelLayerArn",
                        "arn:aws:lambda:us-east-1:123456789012:layer:my-otel:3")))
        .containsExactly("arn:aws:lambda:us-east-1:123456789012:layer:my-otel:3");
    assertThat(harness.template().resolveList(layers, Map.of())).isEmpty();
    // Every API function gets layer and wrapper together; the Cognito trigger neither.
    for (String function : harness.template().functionIds()) {
      boolean api = !function.equals("SignUpFunction");
      assertThat(
              harness
                  .template()
                  .resolveList(
                      harness.template().function(function).properties().get("Layers"),
                      with(ADOT, "AWS::Region", "us-east-1", "AWS::Partition", "aws")))
          .as(function)
          .hasSize(api ? 1 : 0);
      if (api) {
        assertThat(harness.environment(function))
            .as(function)
            .containsEntry("AWS_LAMBDA_EXEC_WRAPPER", "/opt/otel-stream-handler");
      }
    }

    Map<String, String> without = TestLambda.harness().environment("HomeActivitiesFunction");
    assertThat(without).doesNotContainKeys("AWS_LAMBDA_EXEC_WRAPPER", "HONEYCOMB_API_KEY");
    // The Cognito trigger is not a stream handler: never wrapped, never given the key.
    assertThat(
            TestLambda.harnessWith(
                    with(ADOT, "HoneycombRegion", "EU"), Map.of(SECRET_ARN, FAKE_KEY))
                .environment("SignUpFunction"))
        .doesNotContainKeys("AWS_LAMBDA_EXEC_WRAPPER", "HONEYCOMB_API_KEY")
        .containsEntry("HONEYCOMB_ENDPOINT", "https://api.eu1.honeycomb.io");
  }

  @Test
  void eachInvocationIsOneTraceWithTheXRayTraceIdAndTheServiceAndDynamoDbSpansInside()
      throws Exception {
    LambdaProcess.Result result = exported.get();
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.responses())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.get("statusCode").asInt()).isEqualTo(200));
    List<Report> reports = reports(result);
    assertThat(reports).hasSize(2);

    // The wrapper flushes before each invocation returns: everything is there when the process
    // ends.
    List<ReceivedSpan> spans = collector.spans();
    for (int i = 0; i < reports.size(); i++) {
      Report report = reports.get(i);
      int shown = TestLambda.JSON.readTree(result.responses().get(i).get("body").asText()).size();
      String traceId = LogFields.otelTraceId(report.xrayTraceId());
      List<ReceivedSpan> trace = spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
      assertThat(trace).as("spans of %s in %s", report.xrayTraceId(), spans).isNotEmpty();

      ReceivedSpan invocation = only(trace, s -> s.kind().equals("SPAN_KIND_SERVER"));
      assertThat(invocation.scope()).startsWith("io.opentelemetry.aws-lambda-core");
      assertThat(invocation.name()).isEqualTo("GET /api/activities/home");
      assertThat(invocation.attributes()).containsEntry("faas.invocation_id", report.requestId());
      assertThat(invocation.attributes())
          .containsEntry("http.route", "/api/activities/home")
          .containsEntry("app.route", "GET /api/activities/home")
          .containsEntry("http.response.status_code", 200L);
      assertThat(invocation.resource())
          .containsEntry("service.name", "cruddur")
          .containsEntry("deployment.environment", "prod");

      ReceivedSpan service = only(trace, s -> s.name().equals("home-activities"));
      assertThat(service.scope()).isEqualTo("cruddur");
      assertThat(service.parentSpanId()).isEqualTo(invocation.spanId());
      assertThat(service.attributes())
          .containsEntry("app.result_length", (long) shown)
          .containsKey("app.now");

      List<ReceivedSpan> dynamo =
          trace.stream().filter(s -> s.kind().equals("SPAN_KIND_CLIENT")).toList();
      assertThat(dynamo)
          .isNotEmpty()
          .allSatisfy(
              call -> {
                assertThat(call.name()).startsWith("DynamoDb.");
                assertThat(call.parentSpanId()).isEqualTo(service.spanId());
                assertThat(call.attributes())
                    .containsEntry("aws.dynamodb.table_names", List.of(TestDynamo.TABLE));
              });

      // X-Ray got the same invocation under the same trace id.
      List<JsonNode> xray =
          TestXRayDaemon.get()
              .await(report.xrayTraceId(), docs -> !docs.isEmpty(), Duration.ofSeconds(5));
      assertThat(xray).as("X-Ray documents of " + report.xrayTraceId()).isNotEmpty();
    }

    // The logs carry both forms, and the OpenTelemetry one is the invocation span's.
    List<JsonNode> access =
        result.logLines().stream()
            .filter(l -> "cruddur.access".equals(l.path("logger").asText()))
            .toList();
    assertThat(access).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode line = access.get(i);
      assertThat(line.get("xray_trace_id").asText()).isEqualTo(reports.get(i).xrayTraceId());
      assertThat(line.get("trace_id").asText())
          .isEqualTo(LogFields.otelTraceId(reports.get(i).xrayTraceId()));
      String traceId = line.get("trace_id").asText();
      assertThat(line.get("span_id").asText())
          .as("the invocation span's id")
          .isEqualTo(
              only(
                      collector.spans().stream().filter(s -> s.traceId().equals(traceId)).toList(),
                      s -> s.kind().equals("SPAN_KIND_SERVER"))
                  .spanId());
    }
  }

  @Test
  void theCollectorConfigurationSendsTheExportToHoneycombWithTheKeyFromTheEnvironment()
      throws Exception {
    exported.get();
    TestOtlpReceiver.Export export = collector.exports().get(0);
    assertThat(export.contentType()).isEqualTo("application/x-protobuf");
    assertThat(export.headers())
        .doesNotContainKey("x-honeycomb-team"); // the key stays with the collector

    try (TestOtlpReceiver honeycomb = new TestOtlpReceiver()) {
      Map<String, String> environment =
          new LinkedHashMap<>(harness.environment("HomeActivitiesFunction"));
      assertThat(
              TestCollector.load(Path.of("aws/otel/collector.yaml")).tracesExporters(environment))
          .singleElement()
          .satisfies(e -> assertThat(e.endpoint()).hasToString("https://api.honeycomb.io"));
      environment.put(
          "HONEYCOMB_ENDPOINT",
          honeycomb.endpoint().toString()); // loopback instead of the internet
      assertThat(
              TestCollector.load(Path.of("aws/otel/collector.yaml"))
                  .forward(export.body(), environment))
          .containsExactly(200);
      TestOtlpReceiver.Export received = honeycomb.exports().get(0);
      assertThat(received.headers()).containsEntry("x-honeycomb-team", FAKE_KEY);
      assertThat(received.spans()).hasSameSizeAs(export.spans());
    }
  }

  @Test
  void aCollectorThatRefusesHangsOrIsDownChangesNoResponseAndDelaysByAtMostTheExportTimeout()
      throws Exception {
    Map<String, LambdaProcess.Result> runs =
        Map.of("401", unauthorized.get(), "slow", hanging.get(), "down", down.get());
    runs.forEach(
        (name, result) -> {
          assertThat(result.exitCode()).as(name + ": " + result.stderr()).isZero();
          assertThat(result.responses())
              .as(name)
              .hasSize(2)
              .allSatisfy(r -> assertThat(r.get("statusCode").asInt()).isEqualTo(200));
          // OTEL_EXPORTER_OTLP_TIMEOUT=2000 in the template bounds each end-of-invocation flush
          // (without it the wrapper's own limit of 10 s, or the 30 s hang, would show); the warm
          // invocation shows it without the cold start. The slack above 2 s is for a loaded
          // machine.
          assertThat(reports(result).get(1).durationMs()).as(name).isLessThan(8_000);
        });
    assertThat(refusing.refusedCount()).isPositive();
    assertThat(slow.refusedCount()).isPositive();
  }

  @Test
  void aRequestXRayDoesNotSampleStillReachesHoneycombUnderTheSameTraceId() throws Exception {
    LambdaProcess.Result result = unsampled.get();
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Report report = reports(result).get(0);
    String traceId = LogFields.otelTraceId(report.xrayTraceId());
    // OTEL_TRACES_SAMPLER=always_on: the unsampled X-Ray parent does not silence the spans (the
    // Sampled=0 trap).
    assertThat(unsampledCollector.spans())
        .filteredOn(s -> s.traceId().equals(traceId))
        .extracting(ReceivedSpan::name)
        .contains("GET /api/activities/home", "home-activities");
  }

  @Test
  void withoutTheLayerNoOpenTelemetryClassIsNeededAndLogsStillCarryBothTraceIds() throws Exception {
    LambdaProcess.Result result = withoutLayer.get();
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stderr())
        .doesNotContain("NoClassDefFoundError")
        .doesNotContain("ClassNotFoundException");
    assertThat(result.responses())
        .singleElement()
        .satisfies(r -> assertThat(r.get("statusCode").asInt()).isEqualTo(200));
    Report report = reports(result).get(0);
    JsonNode access =
        result.logLines().stream()
            .filter(l -> "cruddur.access".equals(l.path("logger").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(access.get("xray_trace_id").asText()).isEqualTo(report.xrayTraceId());
    assertThat(access.get("trace_id").asText())
        .isEqualTo(LogFields.otelTraceId(report.xrayTraceId()));
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, Predicate<ReceivedSpan> which) {
    List<ReceivedSpan> matching = spans.stream().filter(which).toList();
    assertThat(matching).as("in %s", spans).hasSize(1);
    return matching.get(0);
  }

  /** {@code base} with more entries (key, value, key, value, …). */
  static Map<String, String> with(Map<String, String> base, String... more) {
    Map<String, String> all = new HashMap<>(base);
    for (int i = 0; i < more.length; i += 2) {
      all.put(more[i], more[i + 1]);
    }
    return all;
  }
}
