package com.cruddur.platform.observe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sampling rule in template.yaml and aws/json/xray.json are the same rule for a stack named
 * "cruddur".
 */
class XRayTemplateTest {

  static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));

  @Test
  void theCliRuleFileIsTheTemplateRuleForTheDefaultStack() throws Exception {
    Map<String, String> names = Map.of("AWS::StackName", "cruddur");
    Map<String, Object> rule =
        SamTemplate.map(TEMPLATE.properties("XRaySamplingRule").get("SamplingRule"));
    Map<String, String> resolved = new LinkedHashMap<>();
    rule.forEach((key, value) -> resolved.put(key, TEMPLATE.resolve(value, names)));

    JsonNode file =
        new ObjectMapper().readTree(Path.of("aws/json/xray.json").toFile()).get("SamplingRule");
    Map<String, String> fromFile = new LinkedHashMap<>();
    file.fields().forEachRemaining(e -> fromFile.put(e.getKey(), e.getValue().asText()));

    assertThat(resolved.keySet()).containsExactlyInAnyOrderElementsOf(fromFile.keySet());
    resolved.forEach(
        (key, value) -> {
          if (file.get(key).isNumber()) {
            assertThat(Double.parseDouble(value)).as(key).isEqualTo(file.get(key).asDouble());
          } else {
            assertThat(value).as(key).isEqualTo(fromFile.get(key));
          }
        });
    assertThat(resolved)
        .containsEntry("RuleName", "Cruddur")
        .containsEntry("ServiceName", "cruddur-api/prod");
    assertThat(Double.parseDouble(resolved.get("FixedRate"))).isEqualTo(0.1);
    assertThat(resolved.get("ReservoirSize")).isEqualTo("5");
  }

  @Test
  void theGroupFiltersThisStacksApiAndTracingIsOnEverywhereByDefault() {
    Map<String, String> names = Map.of("AWS::StackName", "cruddur");
    assertThat(TEMPLATE.resolve(TEMPLATE.properties("XRayGroup").get("FilterExpression"), names))
        .isEqualTo("service(\"cruddur-api/prod\")");
    assertThat(TEMPLATE.resolve(TEMPLATE.properties("XRayGroup").get("GroupName"), names))
        .isEqualTo("Cruddur");
    assertThat(TEMPLATE.resolve(TEMPLATE.properties("CruddurApi").get("Name"), names))
        .isEqualTo("cruddur-api");
    for (String function : TEMPLATE.functionIds()) {
      Object tracing = TEMPLATE.function(function).properties().get("Tracing");
      assertThat(TEMPLATE.resolve(tracing, names)).as(function).isEqualTo("Active");
    }
    assertThat(TEMPLATE.properties("CruddurApi").get("TracingEnabled"))
        .isEqualTo(new SamTemplate.Intrinsic("If", List.of("TracingActive", true, false)));
  }
}
