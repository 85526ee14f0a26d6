package com.cruddur.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.SamTemplate;
import com.cruddur.local.sam.SamTemplate.Intrinsic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The production guards in template.yaml: what may not be deleted, deployed or called without
 * limit.
 */
class HardeningTemplateTest {

  static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("template.yaml"));
  static final String SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/honeycomb-FAKE00";

  static Map<String, Object> parameter(String name) {
    return SamTemplate.map(TEMPLATE.section("Parameters").get(name));
  }

  static Map<String, Object> rule(String name) {
    return SamTemplate.map(TEMPLATE.section("Rules").get(name));
  }

  @Test
  void neitherTheTableNorThePoolCanBeDeletedByHand() {
    assertThat(TEMPLATE.properties("ActivitiesTable"))
        .containsEntry("DeletionProtectionEnabled", true);
    assertThat(TEMPLATE.resource("ActivitiesTable")).containsEntry("DeletionPolicy", "Retain");
    assertThat(TEMPLATE.properties("UserPool")).containsEntry("DeletionProtection", "ACTIVE");
    assertThat(TEMPLATE.resource("UserPool")).containsEntry("DeletionPolicy", "Retain");
  }

  @Test
  void corsOriginsAreHttpsExceptALocalFrontend() {
    Pattern allowed =
        Pattern.compile(String.valueOf(parameter("FrontendOrigin").get("AllowedPattern")));
    for (String ok :
        List.of(
            "https://app.example.com",
            "https://app.example.com:8443",
            "http://localhost:3000",
            "http://localhost",
            "http://127.0.0.1:3000")) {
      assertThat(allowed.matcher(ok).matches()).as(ok).isTrue();
    }
    for (String refused :
        List.of(
            "http://app.example.com",
            "http://localhost.example.com",
            "https://a.example/path",
            "https://a.example,https://b.example",
            "*",
            "http://127.0.0.2:3000",
            "")) {
      assertThat(allowed.matcher(refused).matches()).as(refused).isFalse();
    }
    assertThat(TEMPLATE.parameterDefaults())
        .containsEntry("FrontendOrigin", "http://localhost:3000");
  }

  @Test
  void aForeignPoolNeedsItsClientIds() {
    Map<String, Object> rule = rule("ClientIdsWithForeignPool");
    assertThat(rule.get("RuleCondition"))
        .isEqualTo(
            new Intrinsic(
                "Not",
                List.of(
                    new Intrinsic(
                        "Equals", List.of(new Intrinsic("Ref", "CognitoUserPoolArn"), "")))));
    Map<String, Object> assertion = SamTemplate.list(rule.get("Assertions")).get(0);
    assertThat(assertion.get("Assert"))
        .isEqualTo(
            new Intrinsic(
                "Not",
                List.of(
                    new Intrinsic(
                        "Equals", List.of(new Intrinsic("Ref", "CognitoClientIds"), "")))));
  }

  @Test
  void theRollbarTestRouteExistsOnlyWhenEnabledAndNeverInProd() {
    assertThat(TEMPLATE.parameterDefaults()).containsEntry("RollbarTestRoute", "Disabled");
    for (String id : List.of("RollbarTestFunction", "RollbarTestLogGroup")) {
      assertThat(TEMPLATE.resource(id)).as(id).containsEntry("Condition", "RollbarTestEnabled");
    }
    assertThat(TEMPLATE.condition("RollbarTestEnabled", Map.of())).isFalse();
    assertThat(TEMPLATE.condition("RollbarTestEnabled", Map.of("RollbarTestRoute", "Enabled")))
        .isTrue();
    // The local tools still read the function (the tests run every function in the template by
    // name).
    assertThat(TEMPLATE.function("RollbarTestFunction").handler()).isNotBlank();
    // Nothing unconditional refers to the log group: the saved queries list it under the same
    // condition.
    TEMPLATE
        .resources()
        .forEach(
            (id, resource) -> {
              Map<String, Object> r = SamTemplate.map(resource);
              if (!"RollbarTestEnabled".equals(r.get("Condition"))
                  && !String.valueOf(r.get("Condition")).startsWith("RollbarTest")) {
                assertThat(
                        String.valueOf(r.get("Properties"))
                            .replace(
                                "Intrinsic[function=If, argument=[RollbarTestEnabled, Intrinsic[function=Ref, argument=RollbarTestLogGroup]",
                                ""))
                    .as(id)
                    .doesNotContain("argument=RollbarTestLogGroup")
                    .doesNotContain("argument=RollbarTestFunction");
              }
            });
    Map<String, Object> prodRule = rule("NoRollbarTestRouteInProd");
    assertThat(prodRule.get("RuleCondition"))
        .isEqualTo(new Intrinsic("Equals", List.of(new Intrinsic("Ref", "Stage"), "prod")));
  }

  @Test
  void writesAndTheTestRouteHaveTheirOwnThrottles() {
    List<?> settings = (List<?>) TEMPLATE.properties("CruddurApi").get("MethodSettings");
    Map<String, Object> create = SamTemplate.map(settings.get(1));
    Map<String, Object> reply = SamTemplate.map(settings.get(2));
    Map<String, Object> message = SamTemplate.map(settings.get(3));
    assertThat(create)
        .containsEntry("ResourcePath", "/~1api~1activities")
        .containsEntry("HttpMethod", "POST");
    assertThat(reply)
        .containsEntry("ResourcePath", "/~1api~1activities~1{activity_uuid}~1reply")
        .containsEntry("HttpMethod", "POST");
    assertThat(message)
        .containsEntry("ResourcePath", "/~1api~1messages")
        .containsEntry("HttpMethod", "POST");
    for (Map<String, Object> write : List.of(create, reply, message)) {
      assertThat(write)
          .containsEntry("ThrottlingRateLimit", new Intrinsic("Ref", "WriteRateLimit"))
          .containsEntry("ThrottlingBurstLimit", new Intrinsic("Ref", "WriteBurstLimit"));
    }
    Intrinsic rollbar = (Intrinsic) settings.get(4);
    List<?> branches = (List<?>) rollbar.argument();
    assertThat(branches.get(0)).isEqualTo("RollbarTestEnabled");
    assertThat(SamTemplate.map(branches.get(1)))
        .containsEntry("ResourcePath", "/~1rollbar~1test")
        .containsEntry("HttpMethod", "GET")
        .containsEntry("ThrottlingRateLimit", 1);
    // The paths are the routes' own (API Gateway escapes '/' as '~1').
    for (String path :
        List.of(
            "/api/activities",
            "/api/activities/{activity_uuid}/reply",
            "/api/messages",
            "/rollbar/test")) {
      assertThat(
              TEMPLATE.resources().values().stream()
                  .map(SamTemplate::map)
                  .flatMap(
                      r ->
                          SamTemplate.map(SamTemplate.map(r.get("Properties")).get("Events"))
                              .values()
                              .stream())
                  .map(e -> SamTemplate.map(SamTemplate.map(e).get("Properties")).get("Path")))
          .as(path)
          .contains(path);
    }
  }

  @Test
  void theWebAclIsOptionalRateBasedPerIpAndOnTheStage() {
    assertThat(TEMPLATE.parameterDefaults()).containsEntry("WafWebAcl", "Disabled");
    assertThat(TEMPLATE.resource("ApiWebAcl")).containsEntry("Condition", "WafEnabled");
    assertThat(TEMPLATE.resource("ApiWebAclAssociation")).containsEntry("Condition", "WafEnabled");
    Map<String, Object> rule =
        SamTemplate.list(TEMPLATE.properties("ApiWebAcl").get("Rules")).get(0);
    Map<String, Object> rate =
        SamTemplate.map(SamTemplate.map(rule.get("Statement")).get("RateBasedStatement"));
    assertThat(rate)
        .containsEntry("AggregateKeyType", "IP")
        .containsEntry("Limit", new Intrinsic("Ref", "WafRateLimit"));
    assertThat(
            TEMPLATE.resolve(
                TEMPLATE.properties("ApiWebAclAssociation").get("ResourceArn"),
                Map.of(
                    "AWS::Partition",
                    "aws",
                    "AWS::Region",
                    "us-east-1",
                    "CruddurApi",
                    "a1b2c3",
                    "CruddurApi.Stage",
                    "dev")))
        .isEqualTo("arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/dev");
  }

  @Test
  void aPinnedHoneycombKeyVersionChangesTheReferenceSoCloudFormationResolvesItAgain() {
    Object key = TEMPLATE.function("HomeActivitiesFunction").environment().get("HONEYCOMB_API_KEY");
    assertThat(
            TEMPLATE.resolve(
                key, Map.of("HoneycombApiKeySecretArn", SECRET_ARN, "OtelLayer", "adot")))
        .isEqualTo("{{resolve:secretsmanager:" + SECRET_ARN + ":SecretString}}");
    assertThat(
            TEMPLATE.resolve(
                key,
                Map.of(
                    "HoneycombApiKeySecretArn",
                    SECRET_ARN,
                    "OtelLayer",
                    "adot",
                    "HoneycombApiKeySecretVersionId",
                    "00000000-0000-4000-8000-00000000beef")))
        .isEqualTo(
            "{{resolve:secretsmanager:"
                + SECRET_ARN
                + ":SecretString:::00000000-0000-4000-8000-00000000beef}}");
    assertThat(TEMPLATE.resolve(key, Map.of())).isNull();
  }

  @Test
  void theXRayNamesAreDerivedUnlessGivenAndTheFirstStackKeepsItsOwn() {
    Object rule =
        SamTemplate.map(TEMPLATE.properties("XRaySamplingRule").get("SamplingRule"))
            .get("RuleName");
    Object group = TEMPLATE.properties("XRayGroup").get("GroupName");
    for (Object name : List.of(rule, group)) {
      assertThat(TEMPLATE.resolve(name, Map.of("AWS::StackName", "cruddur"))).isEqualTo("Cruddur");
      assertThat(
              TEMPLATE.resolve(
                  name,
                  Map.of("AWS::StackName", "x", "XRayRuleName", "Mine", "XRayGroupName", "Mine")))
          .isEqualTo("Mine");
      // Another stack: a fixed prefix and the first group of the stack id's uuid (resolved in
      // .ci/names_differ.py).
      Intrinsic derived =
          (Intrinsic)
              ((List<?>) ((Intrinsic) ((List<?>) ((Intrinsic) name).argument()).get(1)).argument())
                  .get(2);
      assertThat(derived.toString()).contains("Cruddur").contains("AWS::StackId");
    }
    assertThat(TEMPLATE.parameterDefaults())
        .containsEntry("XRayRuleName", "")
        .containsEntry("XRayGroupName", "");
    assertThat(SamTemplate.map(TEMPLATE.properties("XRayGroup").get("InsightsConfiguration")))
        .containsEntry("InsightsEnabled", true)
        .containsEntry("NotificationsEnabled", true);
  }
}
