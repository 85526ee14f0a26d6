package com.cruddur.activity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.activity.NewActivity;
import com.cruddur.common.Text;
import com.cruddur.platform.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

class ActivityRequestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode body(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static List<String> codes(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e.codes();
    }
    throw new AssertionError("expected a refusal");
  }

  @ParameterizedTest
  @CsvSource({
    "30-days, P30D",
    "7-days, P7D",
    "3-days, P3D",
    "1-day, P1D",
    "12-hours, PT12H",
    "3-hours, PT3H",
    "1-hour, PT1H"
  })
  void everyFrontendTtlMapsToItsDuration(String wire, String duration) throws Exception {
    NewActivity activity =
        ActivityRequests.newActivity(body("{\"message\":\"hi\",\"ttl\":\"" + wire + "\"}"));
    assertThat(activity.ttl().duration()).isEqualTo(Duration.parse(duration));
  }

  @Test
  void messageIsTrimmedAndLimitsCountCharactersNotUtf16Units() throws Exception {
    assertThat(
            ActivityRequests.newActivity(body("{\"message\":\"  hi \\n\",\"ttl\":\"1-day\"}"))
                .message())
        .isEqualTo("hi");
    String emoji280 = "😀".repeat(280);
    assertThat(
            ActivityRequests.newActivity(
                    JSON.valueToTree(Map.of("message", emoji280, "ttl", "1-day")))
                .message())
        .isEqualTo(emoji280);
    assertThat(
            codes(
                () ->
                    ActivityRequests.newActivity(
                        JSON.valueToTree(Map.of("message", "😀".repeat(281), "ttl", "1-day")))))
        .containsExactly("message_exceed_max_chars");
    assertThat(
            ActivityRequests.newReply(JSON.valueToTree(Map.of("message", "r".repeat(1024))))
                .message())
        .hasSize(1024);
    assertThat(
            codes(
                () ->
                    ActivityRequests.newReply(
                        JSON.valueToTree(Map.of("message", "r".repeat(1025))))))
        .containsExactly("message_exceed_max_chars_1024");
  }

  @Test
  void everyFailingCheckIsReportedTogether() {
    assertThat(codes(() -> ActivityRequests.newActivity(JSON.createObjectNode())))
        .containsExactly("message_blank", "ttl_blank");
    assertThat(
            codes(
                () ->
                    ActivityRequests.newActivity(
                        JSON.createObjectNode().put("message", 1).put("ttl", 2))))
        .containsExactly("message_invalid", "ttl_invalid");
    assertThat(
            codes(
                () ->
                    ActivityRequests.newActivity(
                        JSON.createObjectNode()
                            .put("message", "x\u0000".repeat(200))
                            .put("ttl", "soon"))))
        .containsExactly("message_exceed_max_chars", "message_invalid_chars", "ttl_invalid");
  }

  @Test
  void tabsAndLineBreaksAreTextButOtherControlsAreNot() {
    assertThat(Text.printable("line\nbreak\r\ttab ✓")).isTrue();
    for (String bad :
        List.of(
            "\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\ud800", "x\udfff", "\uffff")) {
      assertThat(Text.printable(bad)).as(bad.codePoints().boxed().toList().toString()).isFalse();
    }
  }

  @Test
  void bodiesThatAreNotObjectsAre400() {
    for (JsonNode node :
        List.of(JSON.nullNode(), JSON.createArrayNode(), JSON.getNodeFactory().textNode("x"))) {
      assertThatThrownBy(() -> ActivityRequests.newActivity(node))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(e.codes()).containsExactly("request_body_invalid");
              });
    }
  }

  @Test
  void onlyCanonicalUuidsAreActivityIds() {
    assertThat(ActivityRequests.activityUuid("68F126B0-1CEB-4A33-88BE-D90FA7109EEE").toString())
        .isEqualTo("68f126b0-1ceb-4a33-88be-d90fa7109eee");
    for (String bad :
        List.of(
            "1-1-1-1-1",
            "68f126b0-1ceb-4a33-88be-d90fa7109ee",
            "68f126b01ceb4a3388bed90fa7109eee",
            "../etc/passwd",
            "",
            " 68f126b0-1ceb-4a33-88be-d90fa7109eee")) {
      assertThat(codes(() -> ActivityRequests.activityUuid(bad)))
          .containsExactly("activity_uuid_invalid");
    }
  }

  @Test
  void searchTermRules() {
    assertThat(codes(() -> ActivityRequests.searchTerm(null))).containsExactly("search_term_blank");
    assertThat(codes(() -> ActivityRequests.searchTerm("  "))).containsExactly("search_term_blank");
    assertThat(codes(() -> ActivityRequests.searchTerm("a".repeat(101))))
        .containsExactly("search_term_exceed_max_chars");
    assertThat(ActivityRequests.searchTerm("cloud fun")).isEqualTo("cloud fun");
  }
}
