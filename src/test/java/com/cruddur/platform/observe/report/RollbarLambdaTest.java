package com.cruddur.platform.observe.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.CapturedStdout;
import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.FaultyDynamo.Fault;
import com.cruddur.support.FaultyDynamo.Kind;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestLambda.Traced;
import com.cruddur.support.TestRollbar;
import com.cruddur.support.TestRollbar.Item;
import com.cruddur.support.TestSecretsManager;
import com.cruddur.support.TestXRayDaemon;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollbar from the Lambda handlers, the token read from a Secrets Manager stand-in, items received
 * by a Rollbar stand-in on loopback and decoded as Rollbar would (gzip, JSON, token header).
 */
class RollbarLambdaTest {

  static final String SECRET_HEADER_VALUE = "Bearer fake.jwt.for-local-tests-only";
  static final String SECRET_QUERY_VALUE = "fake-query-token-value";
  static final String SECRET_BODY_VALUE = "fake-password-value";
  static final Duration BUDGET = Duration.ofMillis(1000); // CRUDDUR_ROLLBAR_BUDGET_MS in TestLambda

  static FaultyDynamo dynamo;

  @BeforeAll
  static void seed() {
    dynamo = TestLambda.harnessOnFreshFaultyDynamo();
  }

  @BeforeEach
  void cleanSlate() {
    dynamo.clear();
    TestRollbar.get().mode(TestRollbar.Mode.OK);
    TestRollbar.get().clear();
  }

  @AfterEach
  void disarm() {
    dynamo.clear();
  }

  /**
   * A create whose write fails in DynamoDB, carrying credentials everywhere a careless report would
   * copy them.
   */
  static ObjectNode failingCreate() {
    ObjectNode event = TestLambda.event("create-activity.json");
    TestLambda.withHeader(event, "Authorization", SECRET_HEADER_VALUE);
    TestLambda.withHeader(event, "Cookie", "session=" + SECRET_HEADER_VALUE);
    TestLambda.withHeader(event, "X-Api-Key", "fake-api-key-value");
    TestLambda.withQuery(event, Map.of("access_token", SECRET_QUERY_VALUE, "keep", "visible"));
    TestLambda.withBody(
        event,
        TestLambda.json(
            Map.of(
                "message",
                "this write will fail",
                "ttl",
                "1-day",
                "password",
                SECRET_BODY_VALUE,
                "nested",
                Map.of("apiKey", "fake-nested-key", "note", "ok"))));
    return event;
  }

  @Test
  void aFailingRequestIsExactlyOneItemWithTheFullContextAndTheSameTraceIdEverywhere() {
    dynamo.arm(new Fault("TransactWriteItems", Kind.INTERNAL_ERROR, -1, Duration.ZERO));
    Traced traced;
    List<JsonNode> logLines;
    try (CapturedStdout out = new CapturedStdout()) {
      traced = TestLambda.invokeTraced("CreateActivityFunction", failingCreate());
      logLines = out.jsonLines();
    }
    assertThat(traced.response().status()).isEqualTo(503);
    String root = traced.invocation().trace().root();

    List<Item> items = TestRollbar.get().items();
    assertThat(items).hasSize(1);
    Item item = items.get(0);
    assertThat(item.token()).isEqualTo(TestRollbar.TOKEN);
    assertThat(item.contentEncoding()).isEqualTo("gzip");
    JsonNode data = item.data();
    assertThat(data.get("level").asText()).isEqualTo("error");
    assertThat(data.get("environment").asText()).isEqualTo("prod");
    assertThat(data.get("code_version").asText()).isEqualTo("0.1.0");
    assertThat(data.get("context").asText()).isEqualTo("POST /api/activities");
    JsonNode trace =
        data.path("body").has("trace_chain")
            ? data.path("body").path("trace_chain").get(0)
            : data.path("body").path("trace");
    assertThat(trace.path("exception").path("class").asText())
        .isEqualTo("software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException");
    assertThat(data.path("body").has("threads")).as("no JVM thread dumps").isFalse();

    JsonNode request = data.get("request");
    assertThat(request.get("method").asText()).isEqualTo("POST");
    assertThat(request.get("url").asText()).isEqualTo("/api/activities");
    assertThat(request.path("headers").path("Content-Type").asText())
        .startsWith("application/json");
    assertThat(request.path("headers").path("Authorization").asText()).isEqualTo(Scrubber.SCRUBBED);
    assertThat(first(request.path("get").path("keep"))).isEqualTo("visible");
    assertThat(first(request.path("get").path("access_token"))).isEqualTo(Scrubber.SCRUBBED);
    assertThat(request.get("body").asText())
        .contains("this write will fail")
        .contains("\"note\":\"ok\"");
    assertThat(request.get("user_ip").asText()).isEqualTo("203.0.113.10");
    assertThat(data.path("person").path("id").asText()).isEqualTo("andrewbrown");

    JsonNode custom = data.get("custom");
    assertThat(custom.get("xray_trace_id").asText()).isEqualTo(root);
    assertThat(custom.get("trace_id").asText()).isEqualTo(root.substring(2).replace("-", ""));
    assertThat(custom.get("span_id").asText()).matches("[0-9a-f]{16}");
    assertThat(custom.get("function_name").asText()).isEqualTo("cruddur-local-create-activity");
    assertThat(custom.get("function_version").asText()).isEqualTo("$LATEST");
    assertThat(custom.get("function_request_id").asText())
        .isEqualTo(traced.invocation().requestId());
    assertThat(custom.get("correlation_id").asText())
        .isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    assertThat(custom.get("route").asText()).isEqualTo("POST /api/activities");
    assertThat(custom.has("cold_start")).isTrue();

    // The same trace id in X-Ray and in the logs, and the log says which item went to Rollbar.
    assertThat(TestXRayDaemon.get().await(root, docs -> !docs.isEmpty(), Duration.ofSeconds(5)))
        .isNotEmpty();
    assertThat(logLines)
        .filteredOn(l -> l.has("rollbar_uuid"))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.get("xray_trace_id").asText()).isEqualTo(root);
              assertThat(l.get("rollbar_level").asText()).isEqualTo("error");
            });
    assertThat(TestSecretsManager.get().reads())
        .as("the secret is read once per container")
        .isEqualTo(1);
  }

  /** Rollbar's model writes a one-value parameter as a string and several as a list. */
  static String first(JsonNode value) {
    return value.isArray() ? value.get(0).asText() : value.asText();
  }

  @Test
  void nothingSecretLeavesInAnyPartOfTheItem() {
    dynamo.arm(new Fault("TransactWriteItems", Kind.INTERNAL_ERROR, -1, Duration.ZERO));
    TestLambda.invoke("CreateActivityFunction", failingCreate());
    String payload = TestRollbar.get().items().get(0).payload().toString();
    assertThat(payload)
        .doesNotContain("fake.jwt")
        .doesNotContain(SECRET_QUERY_VALUE)
        .doesNotContain(SECRET_BODY_VALUE)
        .doesNotContain("fake-api-key-value")
        .doesNotContain("fake-nested-key")
        .doesNotContain("localonlynotasecret");
    assertThat(
            TestRollbar.get()
                .items()
                .get(0)
                .payload()
                .path("access_token")
                .asText(TestRollbar.TOKEN))
        .isEqualTo(TestRollbar.TOKEN); // the token goes only to Rollbar, as its API requires
  }

  /**
   * A direct message is private between two users: a send that fails is reported, but neither its
   * text nor its receiver is in any part of the item (the activity create above keeps its body).
   */
  @Test
  void aFailingDirectMessageIsReportedWithoutItsTextOrReceiver() {
    dynamo.arm(new Fault("TransactWriteItems", Kind.INTERNAL_ERROR, -1, Duration.ZERO));
    String text = "the holodeck code is 47-alpha, tell no one";
    ObjectNode event = TestLambda.event("create-message.json");
    TestLambda.withBody(
        event, TestLambda.json(Map.of("message", text, "user_receiver_handle", "worf")));
    ApiResponse response = TestLambda.invoke("CreateMessageFunction", event);
    assertThat(response.status()).as(response.body()).isBetween(500, 599);

    List<Item> items = TestRollbar.get().items();
    assertThat(items).hasSize(1);
    Item item = items.get(0);
    assertThat(item.data().get("context").asText()).isEqualTo("POST /api/messages");
    assertThat(item.data().path("request").path("url").asText()).isEqualTo("/api/messages");
    assertThat(item.data().path("request").path("body").asText())
        .matches("\\[\\d+ characters, private: not included]");
    assertThat(item.payload().toString())
        .doesNotContain(text)
        .doesNotContain("holodeck")
        .doesNotContain("worf");
  }

  @Test
  void aServerErrorTheFrameworkProducesItselfIsOneItem() {
    ObjectNode invalid = TestLambda.event("home.json");
    invalid.remove(
        "httpMethod"); // serverless-java-container answers 500 on its own, no exception reaches us
    ApiResponse response = TestLambda.invoke("HomeActivitiesFunction", invalid);
    assertThat(response.status()).isEqualTo(500);
    List<Item> items = TestRollbar.get().items();
    assertThat(items).hasSize(1);
    assertThat(items.get(0).data().path("body").path("message").path("body").asText())
        .startsWith("HTTP 500 from");
    assertThat(items.get(0).data().get("level").asText()).isEqualTo("error");
  }

  @Test
  void clientErrorsAreNotReported() {
    for (String event :
        List.of(
            "bad/create-activity-blank.json",
            "bad/create-activity-malformed-json.json",
            "bad/create-activity-no-claims.json",
            "bad/create-activity-wrong-content-type.json")) {
      assertThat(TestLambda.invoke("CreateActivityFunction", TestLambda.event(event)).status())
          .isBetween(400, 499);
    }
    assertThat(
            TestLambda.invoke(
                    "ShowActivityFunction", TestLambda.event("bad/show-activity-unknown.json"))
                .status())
        .isEqualTo(404);
    assertThat(TestRollbar.get().items()).isEmpty();
  }

  @Test
  void theTestRouteReportsOneWarning() {
    ApiResponse response =
        TestLambda.invoke("RollbarTestFunction", TestLambda.event("rollbar-test.json"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello World!");
    List<Item> items = TestRollbar.get().items();
    assertThat(items).hasSize(1);
    assertThat(items.get(0).data().get("level").asText()).isEqualTo("warning");
    assertThat(items.get(0).data().path("body").path("message").path("body").asText())
        .isEqualTo("Hello World!");
    assertThat(items.get(0).data().path("custom").path("function_name").asText())
        .isEqualTo("cruddur-local-rollbar-test");
  }

  @Test
  void rollbarSlowDownOrRefusingChangesNoResponseAndAddsAtMostTheBudget() {
    dynamo.arm(new Fault("TransactWriteItems", Kind.INTERNAL_ERROR, -1, Duration.ZERO));
    Traced baseline = TestLambda.invokeTraced("CreateActivityFunction", failingCreate());
    long baselineMs = baseline.invocation().durationNanos() / 1_000_000;

    for (TestRollbar.Mode mode :
        List.of(
            TestRollbar.Mode.SLOW, TestRollbar.Mode.ERROR_500, TestRollbar.Mode.RATE_LIMITED_429)) {
      TestRollbar.get().mode(mode);
      Traced traced = TestLambda.invokeTraced("CreateActivityFunction", failingCreate());
      assertThat(traced.response().status())
          .as(mode.name())
          .isEqualTo(baseline.response().status());
      assertThat(traced.response().body()).as(mode.name()).isEqualTo(baseline.response().body());
      assertThat(traced.invocation().durationNanos() / 1_000_000)
          .as(mode.name())
          .isLessThan(baselineMs + BUDGET.toMillis() + 1500);
    }
    TestRollbar.get().mode(TestRollbar.Mode.OK);
    TestRollbar.get()
        .whileDown(
            () -> {
              Traced traced = TestLambda.invokeTraced("CreateActivityFunction", failingCreate());
              assertThat(traced.response().body()).isEqualTo(baseline.response().body());
              assertThat(traced.invocation().durationNanos() / 1_000_000)
                  .isLessThan(baselineMs + BUDGET.toMillis() + 1500);
            });
  }
}
