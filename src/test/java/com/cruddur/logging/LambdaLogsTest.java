package com.cruddur.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.LambdaProcess;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestRollbar;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real log output of Lambda-mode invocations, each function in its own JVM with the template's
 * environment, as CloudWatch would receive it: one JSON object per line.
 */
class LambdaLogsTest {

  static final List<String> EVERY_LINE =
      List.of(
          "timestamp",
          "level",
          "message",
          "logger",
          "service",
          "cold_start",
          "function_name",
          "function_version",
          "function_request_id",
          "correlation_id",
          "xray_trace_id",
          "trace_id",
          "span_id");
  static final List<String> ACCESS_LINE =
      List.of("route", "method", "path", "status", "duration_ms", "source_ip", "user_agent");

  static CompletableFuture<LambdaProcess.Result> writes;
  static CompletableFuture<LambdaProcess.Result> broken;
  static CompletableFuture<LambdaProcess.Result> quiet;
  static CompletableFuture<LambdaProcess.Result> sampled;

  @BeforeAll
  static void runFunctions() {
    TestDynamo.freshSeeded();
    writes =
        LambdaProcess.start(
            "CreateActivityFunction",
            Map.of(),
            TestDynamo.TABLE,
            "events/create-activity.json",
            "events/bad/create-activity-blank.json",
            "events/create-activity.json");
    broken =
        LambdaProcess.start(
            "HomeActivitiesFunction", Map.of(), "no-such-table", "events/home.json");
    quiet =
        LambdaProcess.start(
            "SearchActivitiesFunction",
            Map.of("POWERTOOLS_LOG_LEVEL", "WARN"),
            TestDynamo.TABLE,
            "events/search.json",
            "events/bad/search-blank-term.json");
    sampled =
        LambdaProcess.start(
            "SearchActivitiesFunction",
            Map.of("POWERTOOLS_LOGGER_SAMPLE_RATE", "1"),
            TestDynamo.TABLE,
            "events/search.json");
  }

  static List<JsonNode> invocationLines(LambdaProcess.Result result) {
    return result.logLines().stream().filter(l -> !l.path("function_request_id").isNull()).toList();
  }

  static List<JsonNode> accessLines(LambdaProcess.Result result) {
    return result.logLines().stream()
        .filter(l -> l.path("logger").asText().equals("cruddur.access"))
        .toList();
  }

  @Test
  void everyInvocationLineCarriesTheLambdaContextAndBothTraceIds() throws Exception {
    LambdaProcess.Result result = writes.get();
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.responses())
        .extracting(r -> r.get("statusCode").asInt())
        .containsExactly(200, 422, 200);

    List<JsonNode> lines = invocationLines(result);
    assertThat(lines).isNotEmpty();
    for (JsonNode line : lines) {
      assertThat(line.fieldNames()).toIterable().as(line.toString()).containsAll(EVERY_LINE);
      assertThat(line.get("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(line.get("service").asText()).isEqualTo("cruddur");
      assertThat(line.get("function_name").asText()).isEqualTo("cruddur-local-create-activity");
      assertThat(line.get("function_version").asText()).isEqualTo("$LATEST");
      assertThat(line.get("correlation_id").asText())
          .isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
      String xray = line.get("xray_trace_id").asText();
      assertThat(xray).matches("1-[0-9a-f]{8}-[0-9a-f]{24}");
      assertThat(line.get("trace_id").asText()).isEqualTo(xray.substring(2).replace("-", ""));
      assertThat(line.get("span_id").asText()).matches("[0-9a-f]{16}");
    }

    List<JsonNode> access = accessLines(result);
    assertThat(access).hasSize(3);
    assertThat(access)
        .extracting(l -> l.get("level").asText())
        .containsExactly("INFO", "WARN", "INFO");
    assertThat(access).extracting(l -> l.get("status").asInt()).containsExactly(200, 422, 200);
    assertThat(access)
        .extracting(l -> l.get("cold_start").asBoolean())
        .containsExactly(true, false, false);
    for (JsonNode line : access) {
      assertThat(line.fieldNames()).toIterable().containsAll(ACCESS_LINE);
      assertThat(line.get("status").isInt()).isTrue();
      assertThat(line.get("duration_ms").isNumber()).isTrue();
      assertThat(line.get("route").asText()).isEqualTo("POST /api/activities");
      assertThat(line.get("path").asText()).isEqualTo("/api/activities");
      assertThat(line.get("source_ip").asText()).isEqualTo("203.0.113.10");
      assertThat(line.get("handle").asText()).isEqualTo("andrewbrown");
    }
    // Each invocation has its own request id and trace, and cold_start is true only in the first
    // one.
    assertThat(access)
        .extracting(l -> l.get("function_request_id").asText())
        .doesNotHaveDuplicates();
    assertThat(access).extracting(l -> l.get("xray_trace_id").asText()).doesNotHaveDuplicates();
  }

  /**
   * A web-server style access line, e.g. serverless-java-container's: {@code "GET /api/x HTTP/1.1"
   * 200 ...}.
   */
  static final Pattern SERVER_ACCESS_LINE = Pattern.compile("\"[A-Z]+ \\S+ HTTP/[0-9.]+\" \\d{3}");

  @Test
  void eachInvocationWritesExactlyOneAccessLine() throws Exception {
    // The sampled run has every logger at DEBUG: an access line from any library would show there.
    for (LambdaProcess.Result result : List.of(sampled.get(), writes.get(), quiet.get())) {
      Map<String, Long> perInvocation =
          result.logLines().stream()
              .filter(
                  l ->
                      l.path("logger").asText().equals("cruddur.access")
                          || SERVER_ACCESS_LINE.matcher(l.path("message").asText()).find())
              .collect(
                  Collectors.groupingBy(
                      l -> l.path("function_request_id").asText("none"), Collectors.counting()));
      int logged =
          result == quiet.get() ? 1 : result.responses().size(); // WARN level: only the 422's line
      assertThat(perInvocation)
          .as(result.stderr())
          .hasSize(logged)
          .allSatisfy((id, lines) -> assertThat(lines).as(id).isEqualTo(1L));
    }
  }

  @Test
  void noSecretOrAuthorizationValueIsEverLogged() throws Exception {
    for (LambdaProcess.Result result :
        List.of(writes.get(), broken.get(), quiet.get(), sampled.get())) {
      assertThat(result.stderr())
          .doesNotContain("fake.jwt.for-local-tests-only")
          .doesNotContain("Bearer")
          .doesNotContainIgnoringCase("authorization")
          .doesNotContain("localonlynotasecret")
          .doesNotContain(TestRollbar.TOKEN);
    }
  }

  @Test
  void aFailureIsOneErrorLineWithTheExceptionAndAnErrorAccessLine() throws Exception {
    LambdaProcess.Result result = broken.get();
    assertThat(result.responses())
        .extracting(r -> r.get("statusCode").asInt())
        .containsExactly(500);
    List<JsonNode> errors =
        result.logLines().stream()
            .filter(l -> l.path("level").asText().equals("ERROR") && l.has("error"))
            .toList();
    assertThat(errors).hasSize(1);
    JsonNode error = errors.get(0).get("error");
    assertThat(error.get("name").asText()).endsWith("ResourceNotFoundException");
    assertThat(error.get("stack").asText()).contains("at com.cruddur.");
    assertThat(errors.get(0).get("xray_trace_id").asText()).isNotEmpty();
    List<JsonNode> access = accessLines(result);
    assertThat(access).extracting(l -> l.get("level").asText()).containsExactly("ERROR");
    assertThat(access.get(0).get("status").asInt()).isEqualTo(500);
  }

  @Test
  void powertoolsLogLevelSetsTheLevel() throws Exception {
    LambdaProcess.Result result = quiet.get();
    assertThat(result.responses())
        .extracting(r -> r.get("statusCode").asInt())
        .containsExactly(200, 422);
    assertThat(result.logLines()).noneMatch(l -> l.path("level").asText().equals("INFO"));
    assertThat(accessLines(result)).extracting(l -> l.get("status").asInt()).containsExactly(422);
  }

  @Test
  void aSampledInvocationLogsAtDebug() throws Exception {
    LambdaProcess.Result result = sampled.get();
    assertThat(result.responses())
        .extracting(r -> r.get("statusCode").asInt())
        .containsExactly(200);
    assertThat(invocationLines(result))
        .anySatisfy(
            l -> {
              assertThat(l.get("level").asText()).isEqualTo("DEBUG");
              assertThat(l.get("sampling_rate").asDouble()).isEqualTo(1.0);
            });
  }

  static {
    TestLambda.harness(); // resolves the template environment the child processes get
  }
}
