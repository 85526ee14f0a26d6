package com.cruddur.edge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.SamTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every function is published with SnapStart behind the "live" alias, and runs tier-1 compilation
 * only.
 */
class SnapStartTemplateTest {

  static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));

  @Test
  void everyFunctionHasSnapStartOnPublishedVersionsAnAliasAndC1() {
    for (String id : TEMPLATE.functionIds()) {
      SamTemplate.FunctionSpec function = TEMPLATE.function(id);
      assertThat(SamTemplate.map(function.properties().get("SnapStart")))
          .as(id)
          .containsEntry("ApplyOn", "PublishedVersions");
      assertThat(function.properties().get("AutoPublishAlias")).as(id).isEqualTo("live");
      assertThat(TEMPLATE.resolve(function.environment().get("JAVA_TOOL_OPTIONS"), Map.of()))
          .as(id)
          .contains("-XX:TieredStopAtLevel=1");
      assertThat(function.runtime()).isEqualTo("java21");
    }
  }
}
