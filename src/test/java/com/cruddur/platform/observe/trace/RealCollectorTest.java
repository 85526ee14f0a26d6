package com.cruddur.platform.observe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.OtelLayer;
import com.cruddur.platform.observe.log.LogFields;
import com.cruddur.support.LambdaProcess;
import com.cruddur.support.RealCollector;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestOtlpReceiver;
import com.cruddur.support.TestOtlpReceiver.ReceivedSpan;
import com.cruddur.support.TestSecretsManager;
import com.cruddur.support.TestXRayDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each flavour end to end through a real OpenTelemetry Collector (built from its Go modules, see
 * RealCollector) on the collector configuration that flavour ships: the function runs under the
 * layer's wrapper class in its own JVM and exports to the collector's OTLP receiver; the collector
 * exports to a loopback stand-in for Honeycomb. What arrives there is what Honeycomb would get:
 * OTLP protobuf on /v1/traces, the key in x-honeycomb-team, and the invocation's X-Ray trace id as
 * the trace id.
 */
class RealCollectorTest {

  static final String FAKE_KEY = OtelLambdaTest.FAKE_KEY;
  static final String SECRET_ARN = OtelLambdaTest.SECRET_ARN;

  @ParameterizedTest
  @ValueSource(strings = {"adot", "community"})
  void theFlavoursCollectorDeliversTheInvocationToHoneycombWithTheKeyUnderTheXRayTraceId(
      String flavour) throws Exception {
    LambdaHarness harness =
        TestLambda.harnessWith(
            Map.of("HoneycombApiKeySecretArn", SECRET_ARN, "OtelLayer", flavour),
            Map.of(SECRET_ARN, FAKE_KEY));
    Map<String, String> function = harness.environment("HomeActivitiesFunction");
    Path shipped =
        Path.of(
            "aws/otel",
            Path.of(function.get("OPENTELEMETRY_COLLECTOR_CONFIG_URI")).getFileName().toString());

    int readsBefore = 0;
    try (TestOtlpReceiver honeycomb = new TestOtlpReceiver()) {
      // The collector extension runs in the function's sandbox, with the function's environment.
      Map<String, String> collectorEnvironment = new HashMap<>(function);
      collectorEnvironment.put(
          "HONEYCOMB_ENDPOINT", honeycomb.endpoint().toString()); // loopback, not the internet
      if (flavour.equals("community")) {
        assertThat(function)
            .doesNotContainKey("HONEYCOMB_API_KEY")
            .containsEntry("HONEYCOMB_API_KEY_SECRET_ARN", SECRET_ARN);
        // The collector's own Secrets Manager provider reads the key, from a loopback stand-in
        // here. The stand-in answers GetSecretValue's JSON protocol; it does not check the SigV4
        // signature or the role's permission (OtelTemplateTest pins the one GetSecretValue
        // statement on that secret instead).
        TestSecretsManager secrets = TestSecretsManager.get();
        secrets.put(SECRET_ARN, FAKE_KEY);
        readsBefore = secrets.reads(SECRET_ARN);
        collectorEnvironment.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
        collectorEnvironment.put("AWS_REGION", "us-east-1");
        collectorEnvironment.put("AWS_ACCESS_KEY_ID", "fakeCollectorKeyId");
        collectorEnvironment.put("AWS_SECRET_ACCESS_KEY", "fakeCollectorSecret");
        collectorEnvironment.put("AWS_EC2_METADATA_DISABLED", "true");
      } else {
        assertThat(function).containsEntry("HONEYCOMB_API_KEY", FAKE_KEY);
      }

      try (RealCollector collector = RealCollector.start(shipped, collectorEnvironment)) {
        Map<String, String> extra = new HashMap<>();
        extra.put("AWS_XRAY_DAEMON_ADDRESS", TestXRayDaemon.get().address());
        extra.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint().toString());
        extra.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        LambdaProcess.Result result =
            LambdaProcess.start(
                    harness, "HomeActivitiesFunction", extra, TestDynamo.TABLE, "events/home.json")
                .get();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.responses())
            .singleElement()
            .satisfies(r -> assertThat(r.get("statusCode").asInt()).isEqualTo(200));
        List<OtelLambdaTest.Report> reports = OtelLambdaTest.reports(result);
        assertThat(reports).hasSize(1);
        String traceId = LogFields.otelTraceId(reports.get(0).xrayTraceId());

        // The collector exports on its own schedule after the SDK's flush: wait for it, generously.
        List<ReceivedSpan> spans =
            honeycomb.awaitSpans(
                received ->
                    received.stream()
                        .anyMatch(
                            s ->
                                s.traceId().equals(traceId) && s.kind().equals("SPAN_KIND_SERVER")),
                Duration.ofSeconds(60));
        assertThat(spans)
            .as("spans at the Honeycomb stand-in; collector log:\n" + collector.log())
            .filteredOn(s -> s.traceId().equals(traceId))
            .extracting(ReceivedSpan::name)
            .contains("GET /api/activities/home", "home-activities");
        assertThat(honeycomb.paths()).isNotEmpty().containsOnly("/v1/traces");
        assertThat(honeycomb.exports())
            .allSatisfy(
                export -> {
                  assertThat(export.contentType()).isEqualTo("application/x-protobuf");
                  assertThat(export.headers()).containsEntry("x-honeycomb-team", FAKE_KEY);
                });
        if (flavour.equals("community")) {
          assertThat(TestSecretsManager.get().reads(SECRET_ARN))
              .as("the collector read the key itself")
              .isGreaterThan(readsBefore);
        }
        // The layer the emulation ran is the flavour's: its propagators reached the wrapper.
        assertThat(OtelLayer.Flavour.of(function).name()).isEqualToIgnoringCase(flavour);
      }
    }
  }
}
