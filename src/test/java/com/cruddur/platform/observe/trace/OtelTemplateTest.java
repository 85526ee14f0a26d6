package com.cruddur.platform.observe.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.OtelLayer;
import com.cruddur.local.sam.SamTemplate;
import com.cruddur.local.sam.SamTemplate.Intrinsic;
import com.cruddur.support.TestLambda;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two OpenTelemetry layer flavours as template.yaml deploys them: which layers each API
 * function gets per region, where the Honeycomb key travels (the community flavour keeps it out of
 * every function's environment), and which role may read the secret.
 */
class OtelTemplateTest {

  static final String FAKE_KEY = OtelLambdaTest.FAKE_KEY;
  static final String SECRET_ARN = OtelLambdaTest.SECRET_ARN;
  static final Map<String, String> COMMUNITY =
      Map.of("HoneycombApiKeySecretArn", SECRET_ARN, "OtelLayer", "community");
  static final Map<String, String> ADOT = OtelLambdaTest.ADOT;

  static LambdaHarness deployed(Map<String, String> parameters) {
    // Any {{resolve:secretsmanager:…}} would resolve to the fake key, so a leak of it into an
    // environment shows.
    return TestLambda.harnessWith(parameters, Map.of(SECRET_ARN, FAKE_KEY));
  }

  static Map<String, String> names(Map<String, String> parameters, String region) {
    Map<String, String> names = new HashMap<>(parameters);
    names.put("AWS::Region", region);
    names.put("AWS::Partition", "aws");
    return names;
  }

  @Test
  void withTheCommunityFlavourNoFunctionEnvironmentHoldsTheKey() {
    LambdaHarness harness = deployed(COMMUNITY);
    SamTemplate template = harness.template();
    for (String function : template.functionIds()) {
      Map<String, String> environment = harness.environment(function);
      assertThat(environment)
          .as(function)
          .doesNotContainKey("HONEYCOMB_API_KEY")
          .doesNotContainValue(FAKE_KEY);
      assertThat(environment.values())
          .as(function)
          .noneMatch(v -> v.contains("resolve:secretsmanager"));
    }
    Map<String, String> home = harness.environment("HomeActivitiesFunction");
    assertThat(home)
        .containsEntry("AWS_LAMBDA_EXEC_WRAPPER", OtelLayer.STREAM_HANDLER_SCRIPT)
        .containsEntry("HONEYCOMB_API_KEY_SECRET_ARN", SECRET_ARN)
        .containsEntry("OPENTELEMETRY_COLLECTOR_CONFIG_URI", OtelLayer.COMMUNITY_COLLECTOR_CONFIG)
        .containsEntry("OTEL_PROPAGATORS", "tracecontext,baggage,xray-lambda");
    assertThat(OtelLayer.Flavour.of(home)).isEqualTo(OtelLayer.Flavour.COMMUNITY);
    // The ADOT flavour still gets the key from CloudFormation, and the ARN is not needed.
    Map<String, String> adot = deployed(ADOT).environment("HomeActivitiesFunction");
    assertThat(adot)
        .containsEntry("HONEYCOMB_API_KEY", FAKE_KEY)
        .doesNotContainKey("HONEYCOMB_API_KEY_SECRET_ARN")
        .containsEntry("OPENTELEMETRY_COLLECTOR_CONFIG_URI", "/var/task/collector.yaml")
        .containsEntry("OTEL_PROPAGATORS", "tracecontext,baggage,xray");
  }

  @Test
  void theDefaultFlavourIsCommunity() {
    // README, Honeycomb, says why: a Honeycomb key alone deploys the flavour that keeps it out of
    // the environment.
    Map<String, String> home =
        deployed(Map.of("HoneycombApiKeySecretArn", SECRET_ARN))
            .environment("HomeActivitiesFunction");
    assertThat(home)
        .doesNotContainKey("HONEYCOMB_API_KEY")
        .doesNotContainValue(FAKE_KEY)
        .containsEntry("HONEYCOMB_API_KEY_SECRET_ARN", SECRET_ARN)
        .containsEntry("OPENTELEMETRY_COLLECTOR_CONFIG_URI", OtelLayer.COMMUNITY_COLLECTOR_CONFIG);
  }

  @Test
  void eachFlavourLinksItsLayersAndOnlyTheCommunityRoleMayReadTheSecret() {
    SamTemplate template = TestLambda.harness().template();
    for (String function : template.functionIds()) {
      Map<String, Object> properties = template.function(function).properties();
      boolean api = !function.equals("SignUpFunction");
      assertThat(template.resolveList(properties.get("Layers"), names(COMMUNITY, "eu-central-2")))
          .as(function)
          .isEqualTo(
              api
                  ? List.of(
                      "arn:aws:lambda:eu-central-2:184161586896:layer:opentelemetry-javawrapper-0_21_0:1",
                      "arn:aws:lambda:eu-central-2:184161586896:layer:opentelemetry-collector-arm64-0_23_0:1")
                  : List.of());
      assertThat(template.resolveList(properties.get("Layers"), names(ADOT, "us-east-1")))
          .as(function)
          .isEqualTo(
              api
                  ? List.of(
                      "arn:aws:lambda:us-east-1:901920570463:layer:aws-otel-java-wrapper-arm64-ver-1-32-0:9")
                  : List.of());
      assertThat(secretReads(template, properties, COMMUNITY))
          .as(function)
          .isEqualTo(api ? List.of(SECRET_ARN) : List.of());
      assertThat(secretReads(template, properties, ADOT)).as(function).isEmpty();
    }
  }

  @Test
  void theAdotLayerIsMappedOnlyWhereTheRuleLetsADeployThroughAndNeverToTheUnfixedVersion() {
    SamTemplate template = TestLambda.harness().template();
    Map<String, Object> mapping =
        SamTemplate.map(template.section("Mappings").get("AdotJavaWrapperLayer"));
    assertThat(mapping).hasSize(16);
    mapping.forEach(
        (region, arches) ->
            SamTemplate.map(arches)
                .forEach(
                    (arch, arn) ->
                        assertThat(String.valueOf(arn))
                            .as(region + " " + arch)
                            .startsWith(
                                "arn:aws:lambda:"
                                    + region
                                    + ":901920570463:layer:aws-otel-java-wrapper-"
                                    + arch
                                    + "-ver-1-32-0:")
                            .doesNotEndWith(":6")));
    Intrinsic contains =
        (Intrinsic)
            SamTemplate.list(
                    SamTemplate.map(template.section("Rules").get("OtelLayerRegion"))
                        .get("Assertions"))
                .get(0)
                .get("Assert");
    List<?> regions = (List<?>) ((List<?>) contains.argument()).get(0);
    assertThat(regions.stream().map(String::valueOf).toList())
        .containsExactlyInAnyOrderElementsOf(mapping.keySet());
    // A region outside the mapping has no layer to link: the rule stops the deploy before that.
    Object layers = template.function("HomeActivitiesFunction").properties().get("Layers");
    assertThatThrownBy(() -> template.resolveList(layers, names(ADOT, "ap-east-1")))
        .hasMessageContaining("Mappings");
    assertThat(
            template.resolveList(
                layers,
                names(
                    OtelLambdaTest.with(
                        ADOT,
                        "OtelLayerArn",
                        "arn:aws:lambda:ap-east-1:123456789012:layer:my-otel:3"),
                    "ap-east-1")))
        .containsExactly("arn:aws:lambda:ap-east-1:123456789012:layer:my-otel:3");
  }

  @Test
  void bothCollectorConfigurationsShipAtTheArtifactRoot() throws Exception {
    for (String config : List.of("collector.yaml", "collector-community.yaml")) {
      assertThat(Path.of("target", "classes", config))
          .as(config)
          .exists()
          .hasSameTextualContentAs(Path.of("aws", "otel", config));
    }
    String community = Files.readString(Path.of("aws", "otel", "collector-community.yaml"));
    assertThat(community)
        .contains("x-honeycomb-team: \"${secretsmanager:${env:HONEYCOMB_API_KEY_SECRET_ARN}}\"")
        .doesNotContain("${env:HONEYCOMB_API_KEY}");
  }

  /**
   * The secret ARNs the function's Policies let it read, with the given parameters (If entries
   * evaluated).
   */
  static List<String> secretReads(
      SamTemplate template, Map<String, Object> properties, Map<String, String> names) {
    List<String> arns = new ArrayList<>();
    for (Object policy : (List<?>) properties.getOrDefault("Policies", List.of())) {
      Object chosen = policy;
      if (policy instanceof Intrinsic intrinsic && intrinsic.function().equals("If")) {
        List<?> branches = (List<?>) intrinsic.argument();
        chosen =
            template.condition(String.valueOf(branches.get(0)), names)
                ? branches.get(1)
                : branches.get(2);
      }
      Object read = SamTemplate.map(chosen).get("AWSSecretsManagerGetSecretValuePolicy");
      if (read != null) {
        String arn = template.resolve(SamTemplate.map(read).get("SecretArn"), names);
        arns.add(arn);
      }
    }
    return arns;
  }
}
