package com.cruddur.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.TraceHeader;
import com.cruddur.support.ApiResponse;
import com.cruddur.support.CapturedStdout;
import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestCognito;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestRollbar;
import com.cruddur.support.TestXRayDaemon;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local server over real HTTP (embedded Tomcat on loopback) with DynamoDB Local, as a browser
 * would use it.
 */
@SpringBootTest(
    classes = LocalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "CRUDDUR_DEV_USER=andrewbrown"})
class LocalServerTest {

  static final String FRONTEND = "http://localhost:3000";

  /** A verified access token of the demo user andrewbrown (seed.json's cognito_sub). */
  static final String ANDREW_TOKEN = TestCognito.get().accessToken("local-sub-andrewbrown");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void dynamo(DynamicPropertyRegistry registry) {
    LocalServerSettings.freshTable(registry, endpoint -> FaultyDynamo.in(endpoint).endpoint());
    LocalServerSettings.cognito(registry);
    // Locally the token comes from the environment (never from a file in the repository).
    registry.add("ROLLBAR_ACCESS_TOKEN", () -> TestRollbar.TOKEN);
    registry.add("CRUDDUR_ROLLBAR_ENDPOINT", () -> TestRollbar.get().endpoint().toString());
  }

  ApiResponse send(String method, String path, BodyPublisher body, String... headers)
      throws Exception {
    return new LocalHttp(port).send(method, path, body, headers);
  }

  ApiResponse get(String path) throws Exception {
    return send(
        "GET", path, BodyPublishers.noBody(), "Origin", FRONTEND, "Accept", "application/json");
  }

  ApiResponse post(String path, String json) throws Exception {
    return send(
        "POST",
        path,
        BodyPublishers.ofString(json),
        "Origin",
        FRONTEND,
        "Content-Type",
        "application/json",
        "Accept",
        "application/json");
  }

  @Test
  void everyRouteAnswersTheFrontendWithCors() throws Exception {
    ApiResponse home = get("/api/activities/home");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
    assertThat(home.json().size()).isGreaterThanOrEqualTo(5);

    ApiResponse created =
        post("/api/activities", "{\"message\":\"Local server says hi 🌍\",\"ttl\":\"7-days\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().get("handle").asText())
        .as("the development user")
        .isEqualTo("andrewbrown");
    assertThat(created.json().get("message").asText()).isEqualTo("Local server says hi 🌍");
    String uuid = created.json().get("uuid").asText();

    ApiResponse reply = post("/api/activities/" + uuid + "/reply", "{\"message\":\"and hi back\"}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("reply_to_activity_uuid").asText()).isEqualTo(uuid);

    JsonNode shown = get("/api/activities/" + uuid).json();
    assertThat(shown.get("replies_count").asInt()).isEqualTo(1);
    assertThat(uuids(get("/api/activities/@andrewbrown").json())).contains(uuid);
    assertThat(uuids(get("/api/activities/search?term=" + "server%20hi").json()))
        .containsExactly(uuid);
    assertThat(uuids(get("/api/activities/notifications").json()))
        .contains("5f3e2b19-2a44-4c07-8d8a-3c1f4b6e9a10", "68f126b0-1ceb-4a33-88be-d90fa7109eee");
    assertThat(get("/api/health-check").body()).isEqualTo("{\"success\":true,\"ver\":1}");
  }

  @Test
  void preflightAllowsTheFrontendAndRefusesOtherOrigins() throws Exception {
    ApiResponse preflight =
        send(
            "OPTIONS",
            "/api/activities",
            BodyPublishers.noBody(),
            "Origin",
            FRONTEND,
            "Access-Control-Request-Method",
            "POST",
            "Access-Control-Request-Headers",
            "content-type,authorization");
    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(FRONTEND);
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(preflight.header("Access-Control-Allow-Headers"))
        .containsIgnoringCase("content-type");

    ApiResponse foreign =
        send(
            "GET",
            "/api/activities/home",
            BodyPublishers.noBody(),
            "Origin",
            "https://evil.example.com");
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.body()).isEqualTo("[\"cors_origin_not_allowed\"]");
  }

  @Test
  void badRequestsAreJson4xxAndStoreNothing() throws Exception {
    TableSnapshot before = TestDynamo.snapshot();
    byte[] big =
        ("{\"message\":\"" + "x".repeat(100_000) + "\",\"ttl\":\"1-hour\"}")
            .getBytes(StandardCharsets.UTF_8);
    List<ApiResponse> responses = new ArrayList<>();
    responses.add(post("/api/activities", "{\"message\": oops}"));
    responses.add(post("/api/activities", "{\"message\":\"\",\"ttl\":\"\"}"));
    responses.add(
        send(
            "POST",
            "/api/activities",
            BodyPublishers.ofByteArray(big),
            "Content-Type",
            "application/json"));
    // No Content-Length (chunked): the size limit still holds while the body is read.
    responses.add(
        send(
            "POST",
            "/api/activities",
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
            "Content-Type",
            "application/json"));
    responses.add(
        send(
            "POST",
            "/api/activities",
            BodyPublishers.ofString("message=hi"),
            "Content-Type",
            "application/x-www-form-urlencoded"));
    responses.add(send("DELETE", "/api/activities/home", BodyPublishers.noBody()));
    responses.add(get("/api/nothing/here"));
    responses.add(
        send("GET", "/api/activities/home", BodyPublishers.noBody(), "Accept", "text/html"));
    responses.add(post("/api/activities/not-a-uuid/reply", "{\"message\":\"hi\"}"));

    assertThat(responses)
        .extracting(ApiResponse::status)
        .containsExactly(400, 422, 413, 413, 415, 405, 404, 406, 400);
    for (ApiResponse response : responses) {
      assertThat(response.header("Content-Type")).startsWith("application/json");
      assertThat(response.json().isArray()).as(response.body()).isTrue();
    }
    assertThat(before.writesSince()).isEmpty();
  }

  @Test
  void eachRequestIsAnXRaySegmentWithItsHttpExchangeAndSubsegments() throws Exception {
    record Case(String method, String path, String body, int status, String service) {}
    List<Case> cases =
        List.of(
            new Case("GET", "/api/activities/home", null, 200, "home-activities"),
            new Case("GET", "/api/activities/@worf", null, 200, "user-activities"),
            new Case(
                "POST",
                "/api/activities",
                "{\"message\":\"traced locally\",\"ttl\":\"1-hour\"}",
                200,
                "create-activity"),
            new Case("POST", "/api/activities", "{\"message\":\"\"}", 422, null),
            new Case("GET", "/api/activities/@nobody", null, 404, "user-activities"));
    for (Case c : cases) {
      TraceHeader header = TraceHeader.newSampled(Instant.now());
      ApiResponse response =
          send(
              c.method(),
              c.path(),
              c.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofString(c.body()),
              "Content-Type",
              "application/json",
              "X-Amzn-Trace-Id",
              "Root=" + header.root() + ";Sampled=1");
      assertThat(response.status()).as(c.path()).isEqualTo(c.status());

      JsonNode segment =
          TestXRayDaemon.get()
              .await(
                  header.root(),
                  docs ->
                      docs.stream()
                          .anyMatch(d -> d.path("end_time").isNumber() && !d.has("parent_id")),
                  Duration.ofSeconds(5))
              .stream()
              .filter(d -> !d.has("parent_id"))
              .findFirst()
              .orElseThrow();
      assertThat(segment.path("name").asText()).isEqualTo("cruddur");
      assertThat(segment.path("http").path("request").path("method").asText())
          .isEqualTo(c.method());
      assertThat(segment.path("http").path("request").path("url").asText()).endsWith(c.path());
      assertThat(segment.path("http").path("response").path("status").asInt())
          .isEqualTo(c.status());
      assertThat(segment.path("error").asBoolean(false)).isEqualTo(c.status() >= 400);
      assertThat(segment.path("fault").asBoolean(false)).isFalse();
      List<String> names = new ArrayList<>();
      segment
          .path("subsegments")
          .forEach(
              sub -> {
                names.add(sub.path("name").asText());
                sub.path("subsegments").forEach(inner -> names.add(inner.path("name").asText()));
              });
      if (c.service() != null) {
        assertThat(names).contains(c.service(), "DynamoDb");
      } else {
        assertThat(names)
            .as("refused by validation: only the author lookup ran")
            .containsExactly("DynamoDb");
      }
    }
  }

  @Test
  void concurrentRetriesWithOneIdempotencyKeyCreateOneActivity() throws Exception {
    String key = "concurrent-" + UUID.randomUUID();
    String message = "sent eight times at once " + key;
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ApiResponse>> sent = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sent.add(
            pool.submit(
                () ->
                    send(
                        "POST",
                        "/api/activities",
                        BodyPublishers.ofString(
                            "{\"message\":\"" + message + "\",\"ttl\":\"1-hour\"}"),
                        "Content-Type",
                        "application/json",
                        "Idempotency-Key",
                        key)));
      }
      Set<String> uuids = new HashSet<>();
      for (var response : sent) {
        ApiResponse answer = response.get();
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        uuids.add(answer.json().get("uuid").asText());
      }
      assertThat(uuids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    List<String> stored = new ArrayList<>();
    get("/api/activities/@andrewbrown")
        .json()
        .forEach(
            a -> {
              if (a.get("message").asText().equals(message)) {
                stored.add(a.get("uuid").asText());
              }
            });
    assertThat(stored).hasSize(1);
  }

  @Test
  void logsAreTheSameJsonAsLambdasWithOneAccessLinePerRequest() throws Exception {
    List<JsonNode> lines;
    try (CapturedStdout out = new CapturedStdout()) {
      send(
          "POST",
          "/api/activities",
          BodyPublishers.ofString("{\"message\":\"log me\",\"ttl\":\"1-hour\"}"),
          "Content-Type",
          "application/json",
          "X-Request-Id",
          "local-request-0001",
          "Authorization",
          "Bearer " + ANDREW_TOKEN,
          "Cookie",
          "session=fake-cookie-value");
      send(
          "GET",
          "/api/activities/@nobody",
          BodyPublishers.noBody(),
          "X-Request-Id",
          "local-request-0002");
      lines = out.jsonLines();
      assertThat(out.text()).doesNotContain(ANDREW_TOKEN).doesNotContain("fake-cookie-value");
    }
    List<JsonNode> access =
        lines.stream().filter(l -> l.path("logger").asText().equals("cruddur.access")).toList();
    assertThat(access).hasSize(2);
    JsonNode created = access.get(0);
    assertThat(created.get("level").asText()).isEqualTo("INFO");
    assertThat(created.get("status").asInt()).isEqualTo(200);
    assertThat(created.get("route").asText()).isEqualTo("POST /api/activities");
    assertThat(created.get("correlation_id").asText()).isEqualTo("local-request-0001");
    assertThat(created.get("handle").asText()).isEqualTo("andrewbrown");
    assertThat(created.get("service").asText()).isEqualTo("cruddur");
    assertThat(created.get("xray_trace_id").asText()).matches("1-[0-9a-f]{8}-[0-9a-f]{24}");
    assertThat(created.get("trace_id").asText())
        .isEqualTo(created.get("xray_trace_id").asText().substring(2).replace("-", ""));
    assertThat(created.get("duration_ms").isNumber()).isTrue();
    JsonNode missing = access.get(1);
    assertThat(missing.get("level").asText()).isEqualTo("WARN");
    assertThat(missing.get("status").asInt()).isEqualTo(404);
    assertThat(missing.get("route").asText()).isEqualTo("GET /api/activities/@{handle}");
    assertThat(missing.get("correlation_id").asText()).isEqualTo("local-request-0002");
  }

  @Test
  void aServerErrorIsReportedToRollbarScrubbedAndTheTestRouteReportsAWarning() throws Exception {
    FaultyDynamo dynamo = FaultyDynamo.in(TestDynamo.get().endpoint());
    TestRollbar.get().clear();
    dynamo.arm(
        new FaultyDynamo.Fault(
            "TransactWriteItems", FaultyDynamo.Kind.UNAVAILABLE, -1, Duration.ZERO));
    try {
      ApiResponse failed =
          send(
              "POST",
              "/api/activities?access_token=fake-local-token",
              BodyPublishers.ofString(
                  "{\"message\":\"will fail\",\"ttl\":\"1-hour\",\"secret\":\"fake-value\"}"),
              "Content-Type",
              "application/json",
              "Authorization",
              "Bearer " + ANDREW_TOKEN);
      assertThat(failed.status()).isEqualTo(503);
      assertThat(failed.json().get(0).asText()).isEqualTo("service_unavailable");
    } finally {
      dynamo.clear();
    }
    ApiResponse hello = send("GET", "/rollbar/test", BodyPublishers.noBody());
    assertThat(hello.body()).isEqualTo("Hello World!");
    ApiResponse notReported = get("/api/activities/@nobody");
    assertThat(notReported.status()).isEqualTo(404);

    List<TestRollbar.Item> items = TestRollbar.get().items();
    assertThat(items)
        .extracting(i -> i.data().get("level").asText())
        .containsExactly("error", "warning");
    JsonNode error = items.get(0).data();
    assertThat(error.get("environment").asText()).isEqualTo("local");
    assertThat(error.path("person").path("id").asText()).isEqualTo("andrewbrown");
    assertThat(error.path("request").path("url").asText()).isEqualTo("/api/activities");
    assertThat(error.path("request").path("body").asText()).contains("will fail");
    assertThat(error.path("custom").path("xray_trace_id").asText())
        .matches("1-[0-9a-f]{8}-[0-9a-f]{24}");
    assertThat(items.get(0).payload().toString())
        .doesNotContain("fake-local-token")
        .doesNotContain(ANDREW_TOKEN)
        .doesNotContain("fake-value");
    assertThat(items.get(1).data().path("body").path("message").path("body").asText())
        .isEqualTo("Hello World!");
  }

  /**
   * A direct message is private between two users: the local edge reports a failing send too, but
   * neither its text nor its receiver is in the item.
   */
  @Test
  void aFailingDirectMessageIsReportedWithoutItsTextOrReceiver() throws Exception {
    FaultyDynamo dynamo = FaultyDynamo.in(TestDynamo.get().endpoint());
    TestRollbar.get().clear();
    String text = "the holodeck code is 47-alpha, tell no one";
    dynamo.arm(
        new FaultyDynamo.Fault(
            "TransactWriteItems", FaultyDynamo.Kind.UNAVAILABLE, -1, Duration.ZERO));
    try {
      ApiResponse failed =
          post("/api/messages", "{\"message\":\"" + text + "\",\"user_receiver_handle\":\"worf\"}");
      assertThat(failed.status()).as(failed.body()).isEqualTo(503);
    } finally {
      dynamo.clear();
    }
    List<TestRollbar.Item> items = TestRollbar.get().items();
    assertThat(items).hasSize(1);
    JsonNode error = items.get(0).data();
    assertThat(error.path("request").path("url").asText()).isEqualTo("/api/messages");
    assertThat(error.path("request").path("body").asText())
        .matches("\\[\\d+ characters, private: not included]");
    assertThat(items.get(0).payload().toString())
        .doesNotContain(text)
        .doesNotContain("holodeck")
        .doesNotContain("worf");
  }

  static List<String> uuids(JsonNode array) {
    List<String> uuids = new ArrayList<>();
    array.forEach(a -> uuids.add(a.get("uuid").asText()));
    return uuids;
  }
}
