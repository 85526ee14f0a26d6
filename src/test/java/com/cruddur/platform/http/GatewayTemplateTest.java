package com.cruddur.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What API Gateway itself answers: throttling, and its own errors in the functions' shape with CORS
 * headers.
 */
class GatewayTemplateTest {

  static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));
  static final Map<String, String> NAMES =
      Map.of("AWS::StackName", "cruddur", "AWS::Region", "us-east-1");

  @Test
  void theStageThrottlesEveryRouteByParameter() {
    Map<String, Object> api = TEMPLATE.properties("CruddurApi");
    Map<String, Object> settings = SamTemplate.list(api.get("MethodSettings")).get(0);
    assertThat(settings).containsEntry("ResourcePath", "/*").containsEntry("HttpMethod", "*");
    assertThat(TEMPLATE.resolve(settings.get("ThrottlingRateLimit"), NAMES)).isEqualTo("50");
    assertThat(TEMPLATE.resolve(settings.get("ThrottlingBurstLimit"), NAMES)).isEqualTo("100");
  }

  @Test
  void everyGatewayErrorIsAJsonArrayOfCodesWithTheFrontendsOrigin() {
    Map<String, Object> responses =
        SamTemplate.map(TEMPLATE.properties("CruddurApi").get("GatewayResponses"));
    assertThat(responses)
        .containsKeys("UNAUTHORIZED", "ACCESS_DENIED", "THROTTLED", "DEFAULT_4XX", "DEFAULT_5XX");
    ObjectMapper json = new ObjectMapper();
    responses.forEach(
        (type, value) -> {
          Map<String, Object> response = SamTemplate.map(value);
          Map<String, Object> headers =
              SamTemplate.map(SamTemplate.map(response.get("ResponseParameters")).get("Headers"));
          assertThat(TEMPLATE.resolve(headers.get("Access-Control-Allow-Origin"), NAMES))
              .as(type)
              .isEqualTo("'http://localhost:3000'");
          String body =
              String.valueOf(
                  SamTemplate.map(response.get("ResponseTemplates")).get("application/json"));
          JsonNode codes;
          try {
            codes = json.readTree(body);
          } catch (IOException e) {
            throw new AssertionError(type + " body is not JSON: " + body, e);
          }
          assertThat(codes.isArray() && codes.size() == 1 && codes.get(0).isTextual())
              .as(type + ": " + body)
              .isTrue();
        });
    assertThat(
            SamTemplate.map(
                SamTemplate.map(
                        SamTemplate.map(responses.get("THROTTLED")).get("ResponseParameters"))
                    .get("Headers")))
        .containsKey("Retry-After");
  }

  @Test
  void everyCheckovSkipSaysWhy() {
    int skipped = 0;
    for (String id : TEMPLATE.resources().keySet()) {
      Map<String, Object> metadata =
          SamTemplate.map(SamTemplate.map(TEMPLATE.resources().get(id)).get("Metadata"));
      List<Map<String, Object>> skips =
          SamTemplate.list(SamTemplate.map(metadata.get("checkov")).get("skip"));
      skipped += skips.size();
      assertThat(skips)
          .as(id)
          .allSatisfy(
              skip -> {
                assertThat(String.valueOf(skip.get("id"))).matches("CKV2?_AWS_[0-9]+");
                assertThat(String.valueOf(skip.get("comment")))
                    .as(id + " " + skip.get("id"))
                    .hasSizeGreaterThan(40);
              });
    }
    assertThat(skipped).isPositive();
  }
}
