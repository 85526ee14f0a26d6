package com.cruddur.platform.observe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.dynamo.TableDefinition;
import com.cruddur.local.sam.TraceHeader;
import com.cruddur.platform.observe.trace.XRayDocuments.Entity;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestLambda.Traced;
import com.cruddur.support.TestXRayDaemon;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * X-Ray in Lambda mode: every API event runs through its function's handler with the trace header
 * the Java runtime sets per invocation, and the SDK's real UDP datagrams are read back from a
 * loopback socket.
 */
class XRayLambdaTest {

  /** The service subsegment each function's happy path opens. */
  static final Map<String, String> SERVICE_SPANS =
      Map.of(
          "HomeActivitiesFunction", "home-activities",
          "NotificationsActivitiesFunction", "notifications-activities",
          "SearchActivitiesFunction", "search-activities",
          "CreateActivityFunction", "create-activity",
          "CreateReplyFunction", "create-reply");

  record ApiEvent(String event, String function, int status) {
    @Override
    public String toString() {
      return event + " (" + status + ")";
    }
  }

  static List<ApiEvent> apiEvents() throws IOException {
    List<ApiEvent> events = new ArrayList<>();
    for (JsonNode e :
        TestLambda.JSON.readTree(Path.of("events/manifest.json").toFile()).get("events")) {
      if (e.has("status")) {
        events.add(
            new ApiEvent(
                e.get("event").asText(), e.get("function").asText(), e.get("status").asInt()));
      }
    }
    return events;
  }

  @BeforeAll
  static void seed() {
    TestXRayDaemon.get(); // before any recorder exists
    TestDynamo.freshSeeded();
  }

  @AfterAll
  static void noGarbage() {
    assertThat(TestXRayDaemon.get().malformed()).isEmpty();
  }

  static List<Entity> traceOf(Traced traced) {
    String root = traced.invocation().trace().root();
    List<JsonNode> documents =
        TestXRayDaemon.get()
            .await(
                root,
                docs ->
                    docs.stream()
                        .anyMatch(
                            d ->
                                traced
                                    .invocation()
                                    .trace()
                                    .parent()
                                    .equals(d.path("parent_id").asText())),
                Duration.ofSeconds(5));
    return XRayDocuments.flatten(documents);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiEvents")
  void everyInvocationIsOneWellFormedSubsegmentTreeUnderTheFunctionSegment(ApiEvent api) {
    Traced traced = TestLambda.invokeTraced(api.function(), TestLambda.event(api.event()));
    assertThat(traced.response().status()).isEqualTo(api.status());
    String root = traced.invocation().trace().root();
    String lambdaParent = traced.invocation().trace().parent();

    List<Entity> entities = traceOf(traced);

    // Only subsegments (never a segment of ours inside Lambda), all in this invocation's trace,
    // each under an entity that exists: the function segment Lambda owns, or one of ours.
    Set<String> known = new HashSet<>(Set.of(lambdaParent));
    entities.forEach(e -> known.add(e.id()));
    for (Entity e : entities) {
      assertThat(e.parentId()).as(e.name()).isIn(known);
      assertThat(e.id()).matches("[0-9a-f]{16}");
    }
    for (Entity top : entities.stream().filter(e -> e.json().has("trace_id")).toList()) {
      assertThat(top.json().path("trace_id").asText()).isEqualTo(root);
      assertThat(top.json().path("type").asText()).isEqualTo("subsegment");
    }

    Entity request =
        entities.stream().filter(e -> lambdaParent.equals(e.parentId())).findFirst().orElseThrow();
    String route = request.json().path("annotations").path("route").asText();
    assertThat(request.name()).isEqualTo(route);
    assertThat(route).matches("(GET|POST) /(api|rollbar)/[a-z/:_-]*");
    assertThat(request.json().path("http").path("response").path("status").asInt())
        .isEqualTo(api.status());
    assertThat(request.json().path("http").path("request").path("method").asText())
        .isIn("GET", "POST");
    assertThat(request.flag("error")).isEqualTo(api.status() >= 400 && api.status() < 500);
    assertThat(request.flag("fault")).isEqualTo(api.status() >= 500);

    if (api.status() == 200 && SERVICE_SPANS.containsKey(api.function())) {
      Entity service =
          XRayDocuments.named(entities, SERVICE_SPANS.get(api.function())).orElseThrow();
      assertThat(service.parentId()).isEqualTo(request.id());
      assertThat(service.json().path("metadata").path("cruddur").path("now").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT.*\\+00:00");
      assertThat(service.json().path("annotations").path("route").asText())
          .startsWith(route.substring(0, 4));
      List<Entity> dynamo = XRayDocuments.dynamoDb(entities);
      assertThat(dynamo).isNotEmpty();
      for (Entity call : dynamo) {
        assertThat(call.json().path("namespace").asText()).isEqualTo("aws");
        assertThat(call.json().path("aws").path("operation").asText()).isNotEmpty();
      }
      assertThat(dynamo)
          .anySatisfy(
              call ->
                  assertThat(call.json().path("aws").path("table_name").asText())
                      .isEqualTo(TestDynamo.TABLE));
    }
  }

  @Test
  void serviceSubsegmentsCarryTheirFilterableAnnotations() {
    Traced feed =
        TestLambda.invokeTraced("ShowActivityFunction", TestLambda.event("user-activities.json"));
    Entity user = XRayDocuments.named(traceOf(feed), "user-activities").orElseThrow();
    assertThat(user.json().path("annotations").path("handle").asText()).isEqualTo("andrewbrown");
    assertThat(user.json().path("annotations").path("result_length").asInt())
        .isEqualTo(feed.response().json().size())
        .isPositive();

    Traced created =
        TestLambda.invokeTraced("CreateActivityFunction", TestLambda.event("create-activity.json"));
    Entity create = XRayDocuments.named(traceOf(created), "create-activity").orElseThrow();
    assertThat(create.json().path("annotations").path("ttl").asText()).isEqualTo("7-days");
    assertThat(create.json().path("annotations").path("handle").asText()).isEqualTo("andrewbrown");
    List<Entity> writes = XRayDocuments.dynamoDb(traceOf(created));
    assertThat(writes)
        .extracting(w -> w.json().path("aws").path("operation").asText())
        .contains("TransactWriteItems");
  }

  @Test
  void theHomeFeedReadsOnlyDaysThatHaveActivities() {
    Traced home = TestLambda.invokeTraced("HomeActivitiesFunction", TestLambda.event("home.json"));
    List<Entity> calls = XRayDocuments.dynamoDb(traceOf(home));
    // The seed spans at most 5 distinct days: one read of the day index, then at most today,
    // yesterday and those days, instead of all 31 days a live activity could be from.
    assertThat(calls).hasSizeBetween(2, 1 + 2 + 5);
    assertThat(home.response().json().size()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aClientErrorInAServiceIsRecordedAsAnErrorWithItsException() {
    Traced unknown =
        TestLambda.invokeTraced(
            "ShowActivityFunction", TestLambda.event("bad/user-activities-unknown-handle.json"));
    Entity service = XRayDocuments.named(traceOf(unknown), "user-activities").orElseThrow();
    assertThat(service.flag("error")).isTrue();
    assertThat(service.flag("fault")).isFalse();
    assertThat(service.json().path("cause").path("exceptions").get(0).path("type").asText())
        .endsWith("ApiException");
  }

  @Test
  void aStorageFailureIsAFaultOnTheRequestAndTheDynamoDbCall() {
    LocalEnvironment env = TestDynamo.get();
    TableDefinition.deleteIfExists(env.client(), env.tableName());
    try {
      Traced broken =
          TestLambda.invokeTraced("HomeActivitiesFunction", TestLambda.event("home.json"));
      assertThat(broken.response().status()).isEqualTo(500);
      List<Entity> entities = traceOf(broken);
      Entity request =
          entities.stream()
              .filter(e -> broken.invocation().trace().parent().equals(e.parentId()))
              .findFirst()
              .orElseThrow();
      assertThat(request.flag("fault")).isTrue();
      assertThat(XRayDocuments.named(entities, "home-activities").orElseThrow().flag("fault"))
          .isTrue();
      assertThat(XRayDocuments.dynamoDb(entities))
          .anySatisfy(
              call -> {
                assertThat(call.flag("error") || call.flag("fault")).isTrue();
                assertThat(call.json().path("cause").path("exceptions")).isNotEmpty();
              });
    } finally {
      TestDynamo.freshSeeded();
    }
  }

  @Test
  void throttlingMarksThrottle() {
    AWSXRayRecorder recorder = XRay.lambdaRecorder();
    TraceHeader header = TraceHeader.newSampled(Instant.now());
    System.setProperty(TraceHeader.SYSTEM_PROPERTY, header.toString());
    try {
      var subsegment =
          XRayRequests.begin(recorder, "GET /api/throttled", "GET", "/api/throttled", null, null);
      XRayRequests.end(subsegment, 429, "[\"slow_down\"]");
      XRayRequests.close(recorder, subsegment);
    } finally {
      System.clearProperty(TraceHeader.SYSTEM_PROPERTY);
    }
    Entity throttled =
        XRayDocuments.flatten(
                TestXRayDaemon.get().await(header.root(), d -> !d.isEmpty(), Duration.ofSeconds(5)))
            .get(0);
    assertThat(throttled.flag("throttle")).isTrue();
    assertThat(throttled.flag("error")).isTrue();
    assertThat(throttled.flag("fault")).isFalse();
  }

  @Test
  void unsampledInvocationsSendNothingAndStillAnswer() {
    TraceHeader unsampled =
        new TraceHeader(TraceHeader.newSampled(Instant.now()).root(), "53995c3f42cd8ad8", false);
    assertThat(
            TestLambda.invokeWithTrace(
                    "HomeActivitiesFunction", TestLambda.event("home.json"), unsampled)
                .status())
        .isEqualTo(200);
    sleepQuietly(300);
    assertThat(TestXRayDaemon.get().trace(unsampled.root())).isEmpty();
  }

  @Test
  void responsesAreUnchangedWithNoDaemonListening() {
    String before =
        TestLambda.invoke("HomeActivitiesFunction", TestLambda.event("home.json")).body();
    List<Integer> statuses = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    TestXRayDaemon.get()
        .whileDown(
            () -> {
              for (int i = 0; i < 3; i++) {
                var response =
                    TestLambda.invoke("HomeActivitiesFunction", TestLambda.event("home.json"));
                statuses.add(response.status());
                bodies.add(response.body());
              }
              statuses.add(
                  TestLambda.invoke(
                          "CreateActivityFunction",
                          TestLambda.event("bad/create-activity-blank.json"))
                      .status());
            });
    assertThat(statuses).containsExactly(200, 200, 200, 422);
    assertThat(bodies).containsOnly(before);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
