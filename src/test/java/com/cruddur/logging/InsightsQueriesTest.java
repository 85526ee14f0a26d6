package com.cruddur.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.SamTemplate;
import com.cruddur.platform.observe.log.LogFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The saved Logs Insights queries only read fields that exist: ours (the JSON layout plus what the
 * code adds), the API access log's (template.yaml's format), or the Lambda platform's. And the
 * files under aws/insights are exactly the template's QueryDefinitions.
 */
class InsightsQueriesTest {

  static final Set<String> PLATFORM =
      Set.of("@timestamp", "@message", "@duration", "@initDuration", "@type", "@requestId", "@log");
  static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));

  static Map<String, String> queryFiles() throws IOException {
    Map<String, String> queries = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("aws/insights"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".query")).toList()) {
        queries.put(file.getFileName().toString().replace(".query", ""), Files.readString(file));
      }
    }
    return queries;
  }

  /**
   * Every field a log line of ours can have: the layout's keys (nested ones dotted) and the ones
   * the code adds.
   */
  static Set<String> ourFields() throws IOException {
    Set<String> fields = new HashSet<>();
    JsonNode layout =
        new ObjectMapper().readTree(Path.of("src/main/resources/CruddurJsonLayout.json").toFile());
    layout
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().isEmpty()) {
                return; // the catch-all: MDC keys and structured arguments, listed in LogFields
              }
              if (e.getValue().isObject() && !e.getValue().has("$resolver")) {
                e.getValue()
                    .fieldNames()
                    .forEachRemaining(child -> fields.add(e.getKey() + "." + child));
              } else {
                fields.add(e.getKey());
              }
            });
    fields.addAll(LogFields.ADDED);
    return fields;
  }

  static Set<String> apiAccessLogFields() throws IOException {
    Map<String, Object> access =
        SamTemplate.map(TEMPLATE.properties("CruddurApi").get("AccessLogSetting"));
    String format = String.valueOf(access.get("Format")).replaceAll("\\$context\\.[A-Za-z.]+", "0");
    Set<String> fields = new HashSet<>();
    new ObjectMapper().readTree(format).fieldNames().forEachRemaining(fields::add);
    return fields;
  }

  @Test
  void everyQueryReadsOnlyFieldsThatExist() throws IOException {
    Set<String> known = new HashSet<>(PLATFORM);
    known.addAll(ourFields());
    known.addAll(apiAccessLogFields());
    Map<String, String> queries = queryFiles();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
    queries.forEach(
        (name, query) ->
            assertThat(InsightsQueries.fieldsRead(query)).as(name).isNotEmpty().isSubsetOf(known));
  }

  @Test
  void theFieldCheckItselfCatchesAnUnknownField() {
    assertThat(
            InsightsQueries.fieldsRead(
                "fields @timestamp, latency_ms | filter level = \"ERROR\" # note: x"))
        .containsExactlyInAnyOrder("@timestamp", "latency_ms", "level");
    assertThat(
            InsightsQueries.fieldsRead(
                "filter logger = \"a\" | stats pct(duration_ms, 99) as p99 by route, bin(5m) | sort p99 desc"))
        .containsExactlyInAnyOrder("logger", "duration_ms", "route");
    assertThat(
            InsightsQueries.fieldsRead(
                "filter message like /a#b/ | fields status / 100 * x / 2 as y"))
        .containsExactlyInAnyOrder("message", "status", "x");
  }

  @Test
  void theFilesAreTheTemplatesQueryDefinitions() throws IOException {
    Map<String, String> fromTemplate = new TreeMap<>();
    for (Map.Entry<String, Object> resource : TEMPLATE.resources().entrySet()) {
      Map<String, Object> definition = SamTemplate.map(resource.getValue());
      if ("AWS::Logs::QueryDefinition".equals(definition.get("Type"))) {
        Map<String, Object> properties = SamTemplate.map(definition.get("Properties"));
        String name = TEMPLATE.resolve(properties.get("Name"), Map.of("AWS::StackName", "cruddur"));
        assertThat(name).startsWith("Cruddur/cruddur/");
        fromTemplate.put(
            name.substring("Cruddur/cruddur/".length()), (String) properties.get("QueryString"));
        List<?> groups = (List<?>) properties.get("LogGroupNames");
        assertThat(groups).as(name).hasSizeGreaterThanOrEqualTo(7);
      }
    }
    Map<String, String> files = new TreeMap<>();
    queryFiles().forEach((name, text) -> files.put(name, text.strip()));
    fromTemplate.replaceAll((name, text) -> text.strip());
    assertThat(fromTemplate).isEqualTo(files);
  }
}
