package com.cruddur.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.TraceHeader;
import com.cruddur.support.CapturedStdout;
import com.cruddur.support.TestOtlpReceiver;
import com.cruddur.support.TestOtlpReceiver.Mode;
import com.cruddur.support.TestOtlpReceiver.ReceivedSpan;
import com.cruddur.support.TestXRayDaemon;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local server exporting to an OTLP/HTTP receiver on loopback (standing in for Honeycomb),
 * configured only by the standard OTEL_* variables. The receiver then refuses (401), hangs, and
 * goes away; requests must not notice, and the server says once why spans are not arriving.
 */
@SpringBootTest(
    classes = LocalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "CRUDDUR_DEV_USER=andrewbrown"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalServerOtelTest {

  static final String FAKE_KEY = "fakeHoneycombKeyForTests";
  static final TestOtlpReceiver HONEYCOMB = new TestOtlpReceiver();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    LocalServerSettings.freshTable(registry);
    // Exactly what a user exports in their shell for Honeycomb, with the endpoint on loopback.
    registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", () -> HONEYCOMB.endpoint().toString());
    registry.add("OTEL_EXPORTER_OTLP_HEADERS", () -> "x-honeycomb-team=" + FAKE_KEY);
    registry.add("OTEL_SERVICE_NAME", () -> "cruddur-local");
    registry.add("OTEL_BSP_SCHEDULE_DELAY", () -> "50");
    // Long enough that a request waiting for even one export to the hanging receiver would show.
    registry.add("OTEL_EXPORTER_OTLP_TIMEOUT", () -> "5000");
  }

  @AfterAll
  static void close() {
    HONEYCOMB.close();
  }

  record Sent(int status, String xrayRoot, long millis) {}

  Sent get(String path) throws Exception {
    TraceHeader trace = TraceHeader.newSampled(Instant.now());
    long start = System.nanoTime();
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Amzn-Trace-Id", "Root=" + trace.root() + ";Sampled=1")
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Sent(response.statusCode(), trace.root(), (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  @Order(1)
  void requestsAreExportedWithTheHoneycombHeaderAndTheXRayTraceId() throws Exception {
    Sent home = get("/api/activities/home");
    assertThat(home.status()).isEqualTo(200);
    String traceId = home.xrayRoot().substring(2).replace("-", "");
    List<ReceivedSpan> spans =
        HONEYCOMB
            .awaitSpans(
                all ->
                    all.stream()
                        .anyMatch(
                            s ->
                                s.traceId().equals(traceId) && s.kind().equals("SPAN_KIND_SERVER")),
                Duration.ofSeconds(10))
            .stream()
            .filter(s -> s.traceId().equals(traceId))
            .toList();

    ReceivedSpan server =
        spans.stream().filter(s -> s.kind().equals("SPAN_KIND_SERVER")).findFirst().orElseThrow();
    assertThat(server.name()).isEqualTo("GET /api/activities/home");
    assertThat(server.attributes())
        .containsEntry("http.route", "/api/activities/home")
        .containsEntry("http.response.status_code", 200L);
    assertThat(server.resource()).containsEntry("service.name", "cruddur-local");
    // Its parent is the request's X-Ray segment: same trace, and X-Ray has it too.
    JsonNodes.assertSegment(
        TestXRayDaemon.get().await(home.xrayRoot(), docs -> !docs.isEmpty(), Duration.ofSeconds(5)),
        server.parentSpanId());

    ReceivedSpan service =
        spans.stream().filter(s -> s.name().equals("home-activities")).findFirst().orElseThrow();
    assertThat(service.parentSpanId()).isEqualTo(server.spanId());
    assertThat(service.attributes()).containsKeys("app.now", "app.result_length");
    assertThat(spans)
        .filteredOn(s -> s.kind().equals("SPAN_KIND_CLIENT"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(service.spanId()))
        .allSatisfy(s -> assertThat(s.name()).startsWith("DynamoDb."));

    assertThat(HONEYCOMB.exports())
        .allSatisfy(
            e -> {
              assertThat(e.headers()).containsEntry("x-honeycomb-team", FAKE_KEY);
              assertThat(e.contentType()).isEqualTo("application/x-protobuf");
            });
  }

  @Test
  @Order(2)
  void aRefusingHangingOrMissingEndpointChangesNoResponseAndIsLoggedOnce() throws Exception {
    try (CapturedStdout out = new CapturedStdout()) {
      HONEYCOMB.respond(Mode.UNAUTHORIZED);
      List<Sent> refused =
          List.of(get("/api/activities/home"), get("/api/activities/@andrewbrown"));
      awaitRefusals(1);
      HONEYCOMB.respond(Mode.SLOW).delay(Duration.ofSeconds(30));
      List<Sent> slow = List.of(get("/api/activities/home"), get("/api/activities/home"));
      awaitRefusals(2);
      HONEYCOMB.close();
      List<Sent> down = List.of(get("/api/activities/home"), get("/api/activities/home"));
      Thread.sleep(6000); // the hanging export times out, then one attempt against the closed port

      for (List<Sent> sent : List.of(refused, slow, down)) {
        assertThat(sent)
            .allSatisfy(
                s -> {
                  assertThat(s.status()).isEqualTo(200);
                  // Spans leave on a background thread: a request never waits for the exporter (5 s
                  // per attempt here).
                  assertThat(s.millis()).isLessThan(4_000);
                });
      }
      List<String> warnings =
          out.jsonLines().stream()
              .filter(
                  l ->
                      l.path("message")
                          .asText()
                          .startsWith("OpenTelemetry spans are not being exported"))
              .map(l -> l.path("message").asText())
              .toList();
      assertThat(warnings)
          .singleElement()
          .asString()
          .contains("HTTP 401")
          .contains("x-honeycomb-team");
    }
  }

  private static void awaitRefusals(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (HONEYCOMB.refusedCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(HONEYCOMB.refusedCount()).isGreaterThanOrEqualTo(count);
  }

  /** X-Ray document helpers. */
  static final class JsonNodes {
    static void assertSegment(List<JsonNode> documents, String segmentId) {
      assertThat(documents)
          .as("the X-Ray segment the server span hangs from")
          .anySatisfy(d -> assertThat(d.path("id").asText()).isEqualTo(segmentId));
    }
  }
}
