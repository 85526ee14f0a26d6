package com.cruddur.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.SamTemplate;
import com.cruddur.local.sam.SamTemplate.Intrinsic;
import com.cruddur.platform.observe.report.ErrorReporter;
import com.cruddur.platform.observe.report.ReportedRequest;
import com.cruddur.platform.observe.report.RollbarReporter;
import com.cruddur.platform.observe.report.RollbarSettings;
import com.cruddur.support.CapturedStdout;
import com.cruddur.support.TestRollbar;
import com.cruddur.support.TestSecretsManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rollbar.api.payload.data.Level;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alarms, metric filters and dashboard in template.yaml cover what they claim: every function,
 * the API stage and the table; every alarm pages through the one topic; the filters count the log
 * lines the code (and the ADOT layer) really write; the dashboard is JSON that shows every function
 * and runs the saved queries.
 */
class AlarmsTemplateTest {

  static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));
  static final ObjectMapper JSON = new ObjectMapper();
  static final Intrinsic TOPIC = new Intrinsic("Ref", "AlarmTopic");

  static Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    TEMPLATE
        .resources()
        .forEach(
            (id, resource) -> {
              if (type.equals(SamTemplate.map(resource).get("Type"))) {
                found.put(id, SamTemplate.map(resource));
              }
            });
    return found;
  }

  static Map<String, Object> properties(Map<String, Object> resource) {
    return SamTemplate.map(resource.get("Properties"));
  }

  static Map<String, Object> dimensions(Object list) {
    Map<String, Object> dimensions = new LinkedHashMap<>();
    SamTemplate.list(list)
        .forEach(d -> dimensions.put(String.valueOf(d.get("Name")), d.get("Value")));
    return dimensions;
  }

  static boolean isApiFunction(String id) {
    return !id.equals(
        "SignUpFunction"); // the Cognito trigger: no route, no Rollbar, no OpenTelemetry layer
  }

  @Test
  void everyFunctionHasErrorThrottleAndDurationAlarmsThatExistWhenItDoes() {
    Map<String, Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
    assertThat(TEMPLATE.functionIds()).hasSizeGreaterThanOrEqualTo(9);
    for (String function : TEMPLATE.functionIds()) {
      Map<String, Map<String, Object>> byMetric = new HashMap<>();
      alarms.forEach(
          (id, alarm) -> {
            Map<String, Object> p = properties(alarm);
            if ("AWS/Lambda".equals(p.get("Namespace"))
                && new Intrinsic("Ref", function)
                    .equals(dimensions(p.get("Dimensions")).get("FunctionName"))) {
              byMetric.put(String.valueOf(p.get("MetricName")), alarm);
            }
          });
      assertThat(byMetric).as(function).containsOnlyKeys("Errors", "Throttles", "Duration");
      Object condition = TEMPLATE.resource(function).get("Condition");
      byMetric.forEach(
          (metric, alarm) ->
              assertThat(alarm.get("Condition")).as(function + " " + metric).isEqualTo(condition));
      Map<String, Object> duration = properties(byMetric.get("Duration"));
      assertThat(duration).containsEntry("ExtendedStatistic", "p99");
      assertThat(((Number) duration.get("Threshold")).doubleValue())
          .as(function + ": 80 % of its timeout")
          .isEqualTo(TEMPLATE.function(function).timeoutSeconds() * 1000 * 0.8);
      assertThat(properties(byMetric.get("Errors")))
          .containsEntry("Threshold", 0)
          .containsEntry("Statistic", "Sum");
      assertThat(properties(byMetric.get("Throttles"))).containsEntry("Threshold", 0);
    }
  }

  @Test
  void theApiStageHasA5xxRateAndAP99LatencyAlarm() {
    Map<String, String> names = Map.of("AWS::StackName", "cruddur-dev");
    String apiName = TEMPLATE.resolve(TEMPLATE.properties("CruddurApi").get("Name"), names);
    Map<String, Map<String, Object>> byMetric = new HashMap<>();
    ofType("AWS::CloudWatch::Alarm")
        .forEach(
            (id, alarm) -> {
              Map<String, Object> p = properties(alarm);
              if ("AWS/ApiGateway".equals(p.get("Namespace"))) {
                Map<String, Object> d = dimensions(p.get("Dimensions"));
                assertThat(TEMPLATE.resolve(d.get("ApiName"), names)).as(id).isEqualTo(apiName);
                assertThat(d.get("Stage")).as(id).isEqualTo(new Intrinsic("Ref", "Stage"));
                byMetric.put(String.valueOf(p.get("MetricName")), p);
              }
            });
    assertThat(byMetric).containsOnlyKeys("5XXError", "Latency");
    // 5XXError is 0 or 1 per request: its average is the 5xx share.
    assertThat(byMetric.get("5XXError")).containsEntry("Statistic", "Average");
    assertThat(((Number) byMetric.get("5XXError").get("Threshold")).doubleValue())
        .isBetween(0.0, 1.0);
    assertThat(byMetric.get("Latency"))
        .containsEntry("ExtendedStatistic", "p99")
        .containsEntry("Threshold", new Intrinsic("Ref", "ApiLatencyP99Ms"));
  }

  /**
   * The DynamoDB client calls in the application code, as DynamoDB's Operation dimension names
   * them.
   */
  static Set<String> operationsTheCodeCalls() throws IOException {
    Pattern call =
        Pattern.compile(
            "\\.(getItem|batchGetItem|query|scan|putItem|updateItem|deleteItem"
                + "|batchWriteItem|transactWriteItems|transactGetItems)\\(");
    Set<String> operations = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = call.matcher(Files.readString(file));
        while (m.find()) {
          operations.add(Character.toUpperCase(m.group(1).charAt(0)) + m.group(1).substring(1));
        }
      }
    }
    return operations;
  }

  @Test
  void theTableHasThrottleAndSystemErrorAlarmsOverEveryOperationTheCodeCalls() throws IOException {
    Set<String> called = operationsTheCodeCalls();
    assertThat(called).contains("Query", "TransactWriteItems");
    Map<String, Set<String>> operationsByMetric = new HashMap<>();
    ofType("AWS::CloudWatch::Alarm")
        .forEach(
            (id, alarm) -> {
              for (Map<String, Object> query : SamTemplate.list(properties(alarm).get("Metrics"))) {
                Map<String, Object> metric =
                    SamTemplate.map(SamTemplate.map(query.get("MetricStat")).get("Metric"));
                if ("AWS/DynamoDB".equals(metric.get("Namespace"))) {
                  Map<String, Object> d = dimensions(metric.get("Dimensions"));
                  assertThat(d.get("TableName"))
                      .as(id)
                      .isEqualTo(new Intrinsic("Ref", "ActivitiesTable"));
                  operationsByMetric
                      .computeIfAbsent(
                          String.valueOf(metric.get("MetricName")), k -> new TreeSet<>())
                      .add(String.valueOf(d.get("Operation")));
                }
              }
              Map<String, Object> p = properties(alarm);
              if (p.containsKey("Metrics")) {
                List<Map<String, Object>> returned =
                    SamTemplate.list(p.get("Metrics")).stream()
                        .filter(q -> Boolean.TRUE.equals(q.get("ReturnData")))
                        .toList();
                assertThat(returned).as(id + ": one expression is the alarm's value").hasSize(1);
                String expression = String.valueOf(returned.get(0).get("Expression"));
                SamTemplate.list(p.get("Metrics")).stream()
                    .filter(q -> q.containsKey("MetricStat"))
                    .forEach(
                        q -> assertThat(expression).as(id).contains(String.valueOf(q.get("Id"))));
              }
            });
    assertThat(operationsByMetric).containsOnlyKeys("ThrottledRequests", "SystemErrors");
    operationsByMetric.forEach(
        (metric, operations) -> assertThat(operations).as(metric).containsAll(called));
  }

  @Test
  void everyAlarmNotifiesTheTopicWhichMailsTheOptionalAddress() {
    Map<String, Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSizeGreaterThan(30);
    Set<String> alarmNames = new LinkedHashSet<>();
    alarms.forEach(
        (id, alarm) -> {
          Map<String, Object> p = properties(alarm);
          assertThat(p.get("AlarmActions")).as(id).isEqualTo(List.of(TOPIC));
          assertThat(p.get("OKActions")).as(id).isEqualTo(List.of(TOPIC));
          assertThat(p)
              .as(id)
              .containsEntry("TreatMissingData", "notBreaching")
              .containsKey("AlarmDescription");
          assertThat(
                  alarmNames.add(
                      TEMPLATE.resolve(p.get("AlarmName"), Map.of("AWS::StackName", "s"))))
              .as(id)
              .isTrue();
        });
    assertThat(TEMPLATE.resource("AlarmTopic")).containsEntry("Type", "AWS::SNS::Topic");
    Map<String, Object> subscription = TEMPLATE.resource("AlarmEmailSubscription");
    assertThat(subscription).containsEntry("Condition", "HasAlarmEmail");
    assertThat(properties(subscription))
        .containsEntry("TopicArn", TOPIC)
        .containsEntry("Protocol", "email")
        .containsEntry("Endpoint", new Intrinsic("Ref", "AlarmEmail"));
    assertThat(TEMPLATE.condition("HasAlarmEmail", Map.of())).isFalse();
    assertThat(TEMPLATE.condition("HasAlarmEmail", Map.of("AlarmEmail", "oncall@example.com")))
        .isTrue();
  }

  /**
   * Each API function's log group has one filter per kind, all with the same pattern and metric.
   */
  static Map<String, Object> filterOf(String kind) {
    Map<String, Object> first = null;
    for (String function : TEMPLATE.functionIds()) {
      if (!isApiFunction(function)) {
        continue;
      }
      String prefix = function.substring(0, function.length() - "Function".length());
      Map<String, Object> filter = TEMPLATE.resource(prefix + kind + "Filter");
      assertThat(properties(filter).get("LogGroupName"))
          .isEqualTo(new Intrinsic("Ref", prefix + "LogGroup"));
      if (first == null) {
        first = filter;
      } else {
        assertThat(properties(filter).get("FilterPattern"))
            .as(prefix + kind)
            .isEqualTo(properties(first).get("FilterPattern"));
        assertThat(properties(filter).get("MetricTransformations"))
            .as(prefix + kind)
            .isEqualTo(properties(first).get("MetricTransformations"));
      }
    }
    return first;
  }

  static FilterPattern pattern(String kind) {
    return new FilterPattern(String.valueOf(properties(filterOf(kind)).get("FilterPattern")));
  }

  static String metricName(String kind) {
    return String.valueOf(
        SamTemplate.list(properties(filterOf(kind)).get("MetricTransformations"))
            .get(0)
            .get("MetricName"));
  }

  @Test
  void theFilterPatternReaderReadsCloudWatchSyntax() {
    FilterPattern json =
        new FilterPattern("{ ($.a = \"x\" || $.b = \"y\") && $.level = \"WARN\" }");
    assertThat(json.matches("{\"a\":\"x\",\"level\":\"WARN\"}")).isTrue();
    assertThat(json.matches("{\"b\":\"y\",\"level\":\"WARN\"}")).isTrue();
    assertThat(json.matches("{\"a\":\"x\",\"level\":\"INFO\"}")).isFalse();
    assertThat(json.matches("a = x WARN")).isFalse();
    FilterPattern any = new FilterPattern("?\"Init Duration\" ?\"Restore Duration\"");
    assertThat(any.matches("REPORT ... Init Duration: 1 ms")).isTrue();
    assertThat(any.matches("REPORT ... init duration")).isFalse();
    assertThat(new FilterPattern("\"a b\" c").matches("c then a b")).isTrue();
    assertThat(new FilterPattern("\"a b\" c").matches("a b")).isFalse();
  }

  static List<String> jsonLines(String text) {
    return Arrays.stream(text.split("\n")).filter(l -> l.startsWith("{")).toList();
  }

  /**
   * The reporter as each function builds it (ROLLBAR_* settings from the environment), against the
   * loopback stub.
   */
  static ErrorReporter reporter(Map<String, String> environment) {
    Map<String, String> settings =
        new HashMap<>(
            Map.of(
                "CRUDDUR_ROLLBAR_ENDPOINT",
                TestRollbar.get().endpoint().toString(),
                "CRUDDUR_ROLLBAR_BUDGET_MS",
                "1000",
                "CRUDDUR_STAGE",
                "dev",
                "CRUDDUR_SECRETSMANAGER_ENDPOINT",
                TestSecretsManager.get().endpoint().toString()));
    settings.putAll(environment);
    return RollbarReporter.create(RollbarSettings.from(settings::get, "lambda", "dev"));
  }

  @Test
  void theRollbarFilterCountsExactlyTheLinesOfItemsNotDelivered() throws IOException {
    TestRollbar rollbar = TestRollbar.get();
    ReportedRequest request =
        ReportedRequest.of(
            "GET", "/rollbar/test", "GET /rollbar/test", Map.of(), Map.of(), null, "127.0.0.1");
    Duration plenty = Duration.ofSeconds(5);
    List<String> lines;
    try (CapturedStdout out = new CapturedStdout()) {
      ErrorReporter reporter = reporter(Map.of(RollbarSettings.ACCESS_TOKEN, TestRollbar.TOKEN));
      rollbar.mode(TestRollbar.Mode.ERROR_500);
      reporter.report(Level.ERROR, null, "refused", request, plenty);
      rollbar.mode(TestRollbar.Mode.OK);
      rollbar.whileDown(() -> reporter.report(Level.ERROR, null, "unreachable", request, plenty));
      reporter.report(Level.ERROR, null, "no time left", request, Duration.ofMillis(20));
      reporter.report(Level.WARNING, null, "delivered", request, plenty);
      // A secret that cannot be read: reporting is off for the container, every later item is lost.
      reporter(
          Map.of(
              RollbarSettings.TOKEN_SECRET_ARN,
              "arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/no-such-secret-AbCdEf"));
      lines = jsonLines(out.text());
    } finally {
      rollbar.mode(TestRollbar.Mode.OK);
      rollbar.clear();
    }
    FilterPattern filter = pattern("RollbarFailures");
    List<String> counted = lines.stream().filter(filter::matches).toList();
    List<String> messages = new ArrayList<>();
    for (String line : counted) {
      messages.add(JSON.readTree(line).get("message").asText());
    }
    // One line per lost item (BoundedSender's own ERROR line about the same send is not counted
    // twice), one for the unreadable secret; the delivered item's line is not counted.
    assertThat(messages)
        .as(String.join("\n", lines))
        .hasSize(4)
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("Rollbar report not delivered: ")
                    .contains("Internal error (test)"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("Rollbar report not delivered: ")
                    .contains("ConnectException"))
        .anySatisfy(m -> assertThat(m).startsWith("Not reported to Rollbar: only "))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("Rollbar reporting is off: could not read the token secret"));
    assertThat(lines)
        .as("the delivered item's line")
        .anySatisfy(l -> assertThat(l).contains("\"rollbar_uuid\""));

    // The pattern counts every WARN of two classes: each WARN they can write means an item (or all
    // items) lost.
    String text = String.valueOf(properties(filterOf("RollbarFailures")).get("FilterPattern"));
    Matcher logger = Pattern.compile("\\$\\.logger = \"([^\"]+)\"").matcher(text);
    Map<String, Set<String>> warnings = new TreeMap<>();
    while (logger.find()) {
      Path source = Path.of("src/main/java", logger.group(1).replace('.', '/') + ".java");
      Matcher warn =
          Pattern.compile("log\\.warn\\(\\s*\"([^\"]*)\"").matcher(Files.readString(source));
      Set<String> found = new TreeSet<>();
      while (warn.find()) {
        found.add(warn.group(1));
      }
      warnings.put(logger.group(1), found);
    }
    assertThat(text).contains("$.level = \"WARN\"");
    assertThat(warnings)
        .isEqualTo(
            Map.of(
                "com.cruddur.platform.observe.report.RollbarReporter",
                    Set.of(
                        "Not reported to Rollbar: only {} ms left in the invocation",
                        "Rollbar report failed before sending: {}",
                        "Rollbar refused the report (HTTP {}): {}",
                        "Rollbar report not delivered: {}"),
                "com.cruddur.platform.observe.report.RollbarToken",
                    Set.of("Rollbar reporting is off: could not read the token secret {} ({})")));
  }

  @Test
  void theOtelFilterCountsTheSdksAndTheCollectorsExportFailures() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            // What reaches the function's log: JUL's console handler prints INFO and above;
            // failures are SEVERE.
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
              logged.add(record.getLevel() + ": " + new SimpleFormatter().formatMessage(record));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger exporterLogs = Logger.getLogger("io.opentelemetry.exporter");
    java.util.logging.Level before = exporterLogs.getLevel();
    exporterLogs.setLevel(java.util.logging.Level.ALL);
    exporterLogs.addHandler(capture);
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                SimpleSpanProcessor.create(
                    OtlpHttpSpanExporter.builder()
                        .setEndpoint("http://127.0.0.1:" + closed + "/v1/traces")
                        .setTimeout(Duration.ofSeconds(2))
                        .build()))
            .build()) {
      provider.get("alarms-test").spanBuilder("export-to-nowhere").startSpan().end();
      provider.forceFlush().join(10, TimeUnit.SECONDS);
      for (int i = 0; i < 50 && logged.isEmpty(); i++) {
        Thread.sleep(100);
      }
    } finally {
      exporterLogs.removeHandler(capture);
      exporterLogs.setLevel(before);
    }
    FilterPattern filter = pattern("OtelExportFailures");
    assertThat(logged)
        .as("the SDK's own failure line")
        .isNotEmpty()
        .allSatisfy(line -> assertThat(filter.matches(line)).as(line).isTrue());
    // The ADOT collector's exporter failure (opentelemetry-collector exporterhelper, zap's JSON
    // encoder); it cannot run here, so this is its line as the collector writes it, with its fixed
    // message.
    assertThat(
            filter.matches(
                "{\"level\":\"error\",\"ts\":1764662400.1,\"caller\":\"internal/base_exporter.go:128\","
                    + "\"msg\":\"Exporting failed. Rejecting data. Try enabling retry_on_failure config option to retry on "
                    + "retryable errors.\",\"kind\":\"exporter\",\"data_type\":\"traces\",\"name\":\"otlphttp/honeycomb\","
                    + "\"error\":\"Permanent error: rpc error: code = Unauthenticated\",\"rejected_items\":3}"))
        .isTrue();
    assertThat(filter.matches("{\"level\":\"INFO\",\"message\":\"GET /api/activities/home 200\"}"))
        .isFalse();
    assertThat(TEMPLATE.resource("HomeActivitiesOtelExportFailuresFilter"))
        .containsEntry("Condition", "HasHoneycomb");
    assertThat(TEMPLATE.resource("OtelExportFailuresAlarm"))
        .containsEntry("Condition", "HasHoneycomb");
  }

  @Test
  void theColdStartFilterCountsOnDemandInitsAndSnapStartRestoresFromReportLines() {
    FilterPattern filter = pattern("ColdStarts");
    String id = "RequestId: 6f7f0961-7a43-4dc4-9cf8-0e1b0f8c3c2a\t";
    assertThat(
            filter.matches(
                "REPORT "
                    + id
                    + "Duration: 41.12 ms\tBilled Duration: 42 ms\tMemory Size: 1536 MB"
                    + "\tMax Memory Used: 201 MB\tInit Duration: 2911.40 ms\t"))
        .isTrue();
    assertThat(
            filter.matches(
                "REPORT "
                    + id
                    + "Duration: 12.20 ms\tBilled Duration: 180 ms\tMemory Size: 1536 MB"
                    + "\tMax Memory Used: 180 MB\tRestore Duration: 310.51 ms\tBilled Restore Duration: 167 ms\t"))
        .isTrue();
    assertThat(
            filter.matches(
                "REPORT "
                    + id
                    + "Duration: 3.01 ms\tBilled Duration: 4 ms\tMemory Size: 1536 MB"
                    + "\tMax Memory Used: 201 MB\t"))
        .isFalse();
    assertThat(metricName("ColdStarts")).isEqualTo("ColdStarts");
  }

  @Test
  void theTelemetryAlarmsWatchTheFiltersMetrics() {
    Map<String, Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
    for (String kind : List.of("RollbarFailures", "OtelExportFailures")) {
      Map<String, Object> transformation =
          SamTemplate.list(properties(filterOf(kind)).get("MetricTransformations")).get(0);
      assertThat(alarms.values())
          .as(kind)
          .anySatisfy(
              alarm -> {
                Map<String, Object> p = properties(alarm);
                assertThat(p.get("Namespace")).isEqualTo(transformation.get("MetricNamespace"));
                assertThat(p.get("MetricName")).isEqualTo(transformation.get("MetricName"));
                assertThat(p).containsEntry("Statistic", "Sum").containsEntry("Threshold", 0);
              });
      // Per stack: two stacks in one account must not add up into one metric.
      assertThat(
              TEMPLATE.resolve(
                  transformation.get("MetricNamespace"), Map.of("AWS::StackName", "cruddur-dev")))
          .isEqualTo("Cruddur/cruddur-dev");
    }
  }

  /** Names a deployed stack would give the dashboard's references. */
  static Map<String, String> deployedNames(Map<String, String> parameters) {
    Map<String, String> names = new HashMap<>(parameters);
    names.put("AWS::StackName", "cruddur-dev");
    names.put("AWS::Region", "eu-west-1");
    names.put("ActivitiesTable", "cruddur-dev-ActivitiesTable-ABC123");
    names.put("AlarmTopic.TopicName", "cruddur-dev-AlarmTopic-ABC123");
    for (String function : TEMPLATE.functionIds()) {
      String prefix = function.substring(0, function.length() - "Function".length());
      names.put(function, "fn-" + prefix);
      names.put(prefix + "LogGroup", "/aws/lambda/lg-" + prefix);
    }
    return names;
  }

  static JsonNode dashboard(Map<String, String> parameters) throws IOException {
    String body =
        TEMPLATE.resolve(
            TEMPLATE.properties("OperationsDashboard").get("DashboardBody"),
            deployedNames(parameters));
    return JSON.readTree(body);
  }

  static Set<String> functionsIn(JsonNode widget) {
    Set<String> functions = new TreeSet<>();
    widget
        .path("properties")
        .path("metrics")
        .forEach(
            metric -> {
              for (int i = 0; i + 1 < metric.size(); i++) {
                if ("FunctionName".equals(metric.get(i).asText())) {
                  functions.add(metric.get(i + 1).asText());
                }
              }
            });
    return functions;
  }

  static String savedQuery(String file) throws IOException {
    return Files.readAllLines(Path.of("aws/insights", file)).stream()
        .filter(l -> !l.strip().startsWith("#"))
        .collect(Collectors.joining("\n"))
        .strip();
  }

  @Test
  void theDashboardIsJsonShowingEveryFunctionTheTableAndTheSavedQueries() throws IOException {
    Map<String, String> everything = Map.of("RollbarTestRoute", "Enabled");
    JsonNode widgets = dashboard(everything).get("widgets");
    Set<String> allFunctions =
        TEMPLATE.functionIds().stream()
            .map(f -> "fn-" + f.replace("Function", ""))
            .collect(Collectors.toCollection(TreeSet::new));
    Map<String, Set<String>> byTitle = new LinkedHashMap<>();
    List<JsonNode> logWidgets = new ArrayList<>();
    Set<String> dynamoMetrics = new TreeSet<>();
    for (JsonNode widget : widgets) {
      assertThat(widget.get("type").asText()).isIn("metric", "log", "text");
      assertThat(widget.get("x").asInt() + widget.get("width").asInt()).isLessThanOrEqualTo(24);
      if (widget.get("type").asText().equals("metric")) {
        assertThat(widget.path("properties").path("region").asText()).isEqualTo("eu-west-1");
        byTitle.put(widget.path("properties").path("title").asText(), functionsIn(widget));
        widget
            .path("properties")
            .path("metrics")
            .forEach(
                m -> {
                  if (m.get(0).asText().equals("AWS/DynamoDB")) {
                    assertThat(m.toString()).contains("cruddur-dev-ActivitiesTable-ABC123");
                    dynamoMetrics.add(m.get(1).asText());
                  }
                });
      }
      if (widget.get("type").asText().equals("log")) {
        logWidgets.add(widget);
      }
    }
    // Duration, errors and throttles: each of them per function, every function.
    assertThat(byTitle.values().stream().filter(allFunctions::equals).count()).isEqualTo(3);
    assertThat(dynamoMetrics)
        .contains(
            "ThrottledRequests",
            "SystemErrors",
            "ConsumedReadCapacityUnits",
            "ConsumedWriteCapacityUnits",
            "SuccessfulRequestLatency");
    String text = widgets.toString();
    assertThat(text)
        .contains(
            "\"5XXError\"",
            "\"4XXError\"",
            "\"Latency\"",
            "\"Count\"",
            "\"ColdStarts\"",
            "\"RollbarDeliveryFailures\"",
            "\"OtelExportFailures\"",
            "cruddur-dev-api");

    Set<String> queries = new TreeSet<>();
    for (JsonNode widget : logWidgets) {
      String query = widget.path("properties").path("query").asText();
      for (String function : TEMPLATE.functionIds()) {
        String prefix = function.substring(0, function.length() - "Function".length());
        assertThat(query.contains("SOURCE '/aws/lambda/lg-" + prefix + "'"))
            .as(query)
            .isEqualTo(isApiFunction(function));
      }
      queries.add(query.substring(query.lastIndexOf("' | ") + 4));
    }
    Set<String> saved = new TreeSet<>();
    for (String file :
        List.of(
            "cold-starts.query",
            "latency-by-route.query",
            "status-classes.query",
            "recent-errors.query",
            "slowest-requests.query",
            "rollbar-reports.query")) {
      saved.add(savedQuery(file));
    }
    assertThat(queries).isEqualTo(saved);
  }

  @Test
  void theDashboardLeavesOutWhatTheStackDoesNotHave() throws IOException {
    JsonNode without =
        dashboard(
            Map.of(
                "RollbarTestRoute",
                "Disabled",
                "CognitoUserPoolArn",
                "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example"));
    String text = without.toString();
    assertThat(text)
        .doesNotContain("fn-RollbarTest", "lg-RollbarTest", "fn-SignUp")
        .contains("fn-HomeActivities");
    assertThat(TEMPLATE.resource("OperationsDashboard")).doesNotContainKey("Condition");
    assertThat(
            Objects.requireNonNull(
                TEMPLATE.resolve(
                    TEMPLATE.properties("OperationsDashboard").get("DashboardName"),
                    Map.of("AWS::StackName", "cruddur-dev", "AWS::Region", "eu-west-1"))))
        .isEqualTo("cruddur-dev-eu-west-1");
  }
}
