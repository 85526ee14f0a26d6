package com.cruddur.edge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.SamTemplate;
import com.cruddur.platform.dynamo.Jitter;
import com.cruddur.support.CapturedStdout;
import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestRollbar;
import com.cruddur.support.TestSecretsManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming path, run the way Lambda runs it before the snapshot: after init, outside
 * any invocation (no trace header, no request id). It must exercise Spring, Jackson and DynamoDB,
 * write nothing, report nothing, and leave the handler serving normally.
 */
class PrimingTest {

  @Test
  void primingRunsTheRequestPathReadOnlyAndLeavesTheHandlerServing() {
    TestLambda.harness();
    TestDynamo.freshSeeded();
    // Init as Lambda does it: the first invocation of this JVM initialises the handler class.
    assertThat(
            TestLambda.invoke("HealthCheckFunction", TestLambda.event("health-check.json"))
                .status())
        .isEqualTo(200);
    FaultyDynamo dynamo = FaultyDynamo.in(TestDynamo.get().endpoint());
    dynamo.calls(true);
    TestRollbar.get().clear();
    TableSnapshot items = TestDynamo.snapshot();

    List<Integer> statuses = new Priming(new StreamLambdaHandler()).prime();

    assertThat(statuses).containsExactly(200, 200, 404, 401);
    assertThat(dynamo.calls(true))
        .as("DynamoDB calls made while priming")
        .contains("Query", "GetItem")
        .doesNotContain(
            "PutItem", "TransactWriteItems", "UpdateItem", "DeleteItem", "BatchWriteItem");
    assertThat(items.writesSince()).isEmpty();
    assertThat(TestRollbar.get().items()).isEmpty();
    assertThat(TestLambda.invoke("HomeActivitiesFunction", TestLambda.event("home.json")).status())
        .isEqualTo(200);
  }

  @Test
  void theHooksAreRegisteredOnlyForASnapStartInit() {
    // The test JVM is not a snap-start init: constructing a handler registers nothing (and needs no
    // CRaC runtime).
    assertThat(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE")).isNotEqualTo("snap-start");
    Priming.registerForSnapStart(null);
    assertThat(Priming.REQUESTS)
        .hasSize(4)
        .allSatisfy(event -> assertThat(event).doesNotContain("\"sub\""));
  }

  /**
   * What each function's own priming answers: only its routes, and nothing its role would refuse.
   */
  static final Map<String, List<Integer>> STATUSES =
      Map.ofEntries(
          Map.entry("HealthCheckFunction", List.of(200)),
          Map.entry("RollbarTestFunction", List.of(200)),
          Map.entry("HomeActivitiesFunction", List.of(200)),
          Map.entry("ShowActivityFunction", List.of(404, 404)),
          Map.entry("SearchActivitiesFunction", List.of(200)),
          Map.entry("NotificationsActivitiesFunction", List.of(401)),
          Map.entry("CreateActivityFunction", List.of(401)),
          Map.entry("CreateReplyFunction", List.of(401)),
          Map.entry("MessageGroupsFunction", List.of(401)),
          Map.entry("MessagesFunction", List.of(401)),
          Map.entry("CreateMessageFunction", List.of(401)));

  @Test
  void eachFunctionPrimesOnlyItsOwnRoutesAndNothingIsWrittenReportedOrAnError() {
    LambdaHarness harness = TestLambda.harness();
    TestDynamo.freshSeeded();
    assertThat(
            TestLambda.invoke("HealthCheckFunction", TestLambda.event("health-check.json"))
                .status())
        .isEqualTo(200);
    FaultyDynamo dynamo = FaultyDynamo.in(TestDynamo.get().endpoint());
    assertThat(STATUSES.keySet())
        .containsExactlyInAnyOrderElementsOf(apiFunctions(harness.template()));
    Map<String, List<String>> calls = new LinkedHashMap<>();
    for (Map.Entry<String, List<Integer>> function : STATUSES.entrySet()) {
      dynamo.calls(true);
      TestRollbar.get().clear();
      try (CapturedStdout out = new CapturedStdout()) {
        List<Integer> statuses =
            harness.withEnvironment(
                function.getKey(),
                () -> Priming.forThisFunction(new StreamLambdaHandler()).prime());

        assertThat(statuses).as(function.getKey()).isEqualTo(function.getValue());
        assertThat(out.jsonLines())
            .as(function.getKey() + " logs no error")
            .noneMatch(l -> l.path("level").asText().equals("ERROR"));
      }
      calls.put(function.getKey(), dynamo.calls(true));
      assertThat(TestRollbar.get().items()).as(function.getKey() + " reports nothing").isEmpty();
    }
    assertThat(calls.values())
        .allSatisfy(
            c ->
                assertThat(c)
                    .doesNotContain(
                        "PutItem",
                        "TransactWriteItems",
                        "UpdateItem",
                        "DeleteItem",
                        "BatchWriteItem"));
    assertThat(calls.get("HealthCheckFunction")).isEmpty();
    assertThat(calls.get("RollbarTestFunction")).isEmpty();
    assertThat(calls.get("NotificationsActivitiesFunction"))
        .as("refused before any read")
        .isEmpty();
    assertThat(calls.get("CreateActivityFunction")).as("refused before any read").isEmpty();
    assertThat(calls.get("CreateReplyFunction")).as("refused before any read").isEmpty();
    for (String messages :
        List.of("MessageGroupsFunction", "MessagesFunction", "CreateMessageFunction")) {
      assertThat(calls.get(messages)).as(messages + " refused before any read").isEmpty();
    }
    assertThat(calls.get("HomeActivitiesFunction")).containsOnly("Query");
    assertThat(calls.get("ShowActivityFunction")).containsOnly("GetItem");
    assertThat(calls.get("SearchActivitiesFunction")).containsOnly("Query");
  }

  @Test
  void theTemplateTellsEachApiFunctionTheRoutesItsEventsRouteToIt() {
    SamTemplate template = TestLambda.harness().template();
    for (String id : apiFunctions(template)) {
      Set<String> routes = new TreeSet<>();
      SamTemplate.map(template.properties(id).get("Events"))
          .values()
          .forEach(
              e -> {
                Map<String, Object> properties =
                    SamTemplate.map(SamTemplate.map(e).get("Properties"));
                routes.add(properties.get("Method") + " " + properties.get("Path"));
              });
      String declared = TestLambda.harness().environment(id).get(Priming.ROUTES);
      assertThat(declared).as(id + " " + Priming.ROUTES).isNotNull();
      assertThat(new TreeSet<>(List.of(declared.split(",")))).as(id).isEqualTo(routes);
      assertThat(Priming.BY_ROUTE)
          .as("a priming request for " + routes)
          .containsKeys(routes.toArray(String[]::new));
    }
  }

  @Test
  void withoutItsRoutesAFunctionPrimesNothing() {
    assertThat(Priming.requestsFor(null)).isEmpty();
    assertThat(Priming.requestsFor(" ")).isEmpty();
    assertThat(Priming.requestsFor("GET /api/unknown")).isEmpty();
    assertThat(Priming.requestsFor("GET /api/activities/home, GET /api/health-check"))
        .containsExactly(Priming.HOME, Priming.HEALTH);
    assertThat(Priming.BY_ROUTE.values())
        .allSatisfy(
            requests ->
                assertThat(requests)
                    .allSatisfy(
                        event ->
                            assertThat(event)
                                .doesNotContain("\"authorizer\"")
                                .doesNotContain("\"sub\"")));
  }

  @Test
  void primingEventsAreProxyEventsTheHandlerReads() throws Exception {
    for (String event :
        Priming.BY_ROUTE.values().stream().flatMap(List::stream).distinct().toList()) {
      JsonNode json = TestLambda.JSON.readTree(event);
      assertThat(json.get("httpMethod").asText()).isIn("GET", "POST");
      assertThat(json.get("requestContext").get("requestId").asText()).isEqualTo("priming");
      assertThat(json.get("headers").get("User-Agent").asText()).isEqualTo("cruddur-priming");
    }
    assertThat(
            TestLambda.JSON
                .readTree(Priming.SEARCH)
                .get("queryStringParameters")
                .get("term")
                .asText())
        .isEqualTo("priming");
    assertThat(TestLambda.JSON.readTree(Priming.CREATE_WITHOUT_IDENTITY).get("body").asText())
        .isEqualTo("{\"message\":\"priming\",\"ttl\":\"1-hour\"}");
  }

  @Test
  void afterRestoreReseedsTheJitterAndKeepsReportingThatIsOn() {
    TestLambda.harness();
    assertThat(
            TestLambda.invoke("HealthCheckFunction", TestLambda.event("health-check.json"))
                .status())
        .isEqualTo(200);
    Jitter.seed(42);
    List<Long> inTheSnapshot =
        IntStream.range(0, 16).mapToObj(i -> Jitter.millis(5, 1_000_000)).toList();
    Jitter.seed(42);
    int secretReads = TestSecretsManager.get().reads();

    try (CapturedStdout out = new CapturedStdout()) {
      TestLambda.harness()
          .withEnvironment(
              "HomeActivitiesFunction",
              () -> {
                Priming.forThisFunction(new StreamLambdaHandler()).afterRestore(null);
                return null;
              });
      assertThat(out.jsonLines())
          .anySatisfy(
              l ->
                  assertThat(l.get("message").asText())
                      .isEqualTo("Restored from the SnapStart snapshot (Rollbar reporting on)"));
    }

    assertThat(IntStream.range(0, 16).mapToObj(i -> Jitter.millis(5, 1_000_000)).toList())
        .isNotEqualTo(inTheSnapshot);
    assertThat(TestSecretsManager.get().reads())
        .as("the token read at init is kept")
        .isEqualTo(secretReads);
    assertThat(StreamLambdaHandler.reporter().enabled()).isTrue();
  }

  static List<String> apiFunctions(SamTemplate template) {
    return template.functionIds().stream()
        .filter(
            id ->
                template
                    .function(id)
                    .handler()
                    .equals("com.cruddur.edge.lambda.StreamLambdaHandler::handleRequest"))
        .toList();
  }
}
