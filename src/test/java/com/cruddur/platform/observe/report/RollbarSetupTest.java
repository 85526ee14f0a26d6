package com.cruddur.platform.observe.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.CapturedStdout;
import com.cruddur.support.TestSecretsManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollbarSetupTest {

  @Test
  void withoutATokenReportingIsOffWithOneClearLine() {
    List<JsonNode> lines;
    ErrorReporter reporter;
    try (CapturedStdout out = new CapturedStdout()) {
      reporter =
          RollbarReporter.create(
              RollbarSettings.from(Map.<String, String>of()::get, "local", "local"));
      lines = out.jsonLines();
    }
    assertThat(reporter.enabled()).isFalse();
    assertThat(lines)
        .filteredOn(
            l -> l.path("logger").asText().startsWith("com.cruddur.platform.observe.report"))
        .singleElement()
        .satisfies(l -> assertThat(l.get("message").asText()).contains("Rollbar reporting is off"));
  }

  @Test
  void anUnreadableSecretTurnsReportingOffWithTheReasonNotTheValue() {
    Map<String, String> settings =
        Map.of(
            RollbarSettings.TOKEN_SECRET_ARN,
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:missing-AbCdEf",
            "CRUDDUR_SECRETSMANAGER_ENDPOINT",
            TestSecretsManager.get().endpoint().toString());
    String output;
    ErrorReporter reporter;
    try (CapturedStdout out = new CapturedStdout()) {
      reporter = RollbarReporter.create(RollbarSettings.from(settings::get, "aws-lambda", "prod"));
      output = out.text();
    }
    assertThat(reporter.enabled()).isFalse();
    assertThat(output)
        .contains("could not read the token secret")
        .contains("ResourceNotFoundException");
  }

  @Test
  void theSecretMayHoldTheBareTokenOrJson() {
    assertThat(RollbarToken.fromSecret("  abc123  ")).contains("abc123");
    assertThat(RollbarToken.fromSecret("{\"ROLLBAR_ACCESS_TOKEN\":\"t1\"}")).contains("t1");
    assertThat(RollbarToken.fromSecret("{\"token\":\"t2\"}")).contains("t2");
    assertThat(RollbarToken.fromSecret("{\"other\":\"x\"}")).isEqualTo(Optional.empty());
    assertThat(RollbarToken.fromSecret(" ")).isEmpty();
  }

  @Test
  void settingsNeverPrintTheToken() {
    RollbarSettings settings =
        RollbarSettings.from(
            Map.of(RollbarSettings.ACCESS_TOKEN, "fake-token-value")::get, "local", "local");
    assertThat(settings.toString()).doesNotContain("fake-token-value").contains("token=set");
  }

  @Test
  void scrubberRules() {
    assertThat(Scrubber.isSecretName("Authorization")).isTrue();
    assertThat(Scrubber.isSecretName("X-Api-Key")).isTrue();
    assertThat(Scrubber.isSecretName("access_token")).isTrue();
    assertThat(Scrubber.isSecretName("Set-Cookie")).isTrue();
    assertThat(Scrubber.isSecretName("password")).isTrue();
    assertThat(Scrubber.isSecretName("monkey")).isFalse();
    assertThat(Scrubber.isSecretName("message")).isFalse();
    assertThat(Scrubber.value("note", "Bearer abc.def")).isEqualTo(Scrubber.SCRUBBED);
    assertThat(Scrubber.value("note", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"))
        .isEqualTo(Scrubber.SCRUBBED);
    assertThat(Scrubber.headers(Map.of("X-Custom", List.of("anything"))))
        .containsEntry("X-Custom", Scrubber.SCRUBBED);
    assertThat(Scrubber.body("{\"list\":[{\"secret\":\"s\"},\"Bearer t\"],\"ok\":1}"))
        .isEqualTo("{\"list\":[{\"secret\":\"[scrubbed]\"},\"[scrubbed]\"],\"ok\":1}");
    assertThat(Scrubber.body("password=hunter2&user=x"))
        .doesNotContain("hunter2")
        .contains("not JSON");
    assertThat(Scrubber.body("{\"m\":\"" + "x".repeat(10_000) + "\"}"))
        .hasSizeLessThanOrEqualTo(4097);
  }
}
