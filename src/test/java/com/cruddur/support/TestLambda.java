package com.cruddur.support;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.TraceHeader;
import com.cruddur.platform.CruddurConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invokes template.yaml functions through {@link LambdaHarness} (the same code path as {@code
 * bin/invoke}) and builds API Gateway events from the events/ fixtures.
 */
public final class TestLambda {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static LambdaHarness harness;

  private TestLambda() {}

  public static synchronized LambdaHarness harness() {
    if (harness == null) {
      // Everything the Lambda side talks to is a loopback stand-in, set before its clients exist.
      TestXRayDaemon.get();
      LocalEnvironment env = TestDynamo.get();
      Map<String, String> names = new HashMap<>(LambdaHarness.localNames(env.tableName()));
      // As `sam deploy --parameter-overrides RollbarTokenSecretArn=...` would: the token comes from
      // the secret.
      names.put("RollbarTokenSecretArn", TestSecretsManager.ROLLBAR_SECRET_ARN);
      harness =
          new LambdaHarness(
              env.template(),
              names,
              Map.of(
                  CruddurConfig.DYNAMODB_ENDPOINT,
                  FaultyDynamo.in(env.endpoint()).endpoint().toString(),
                  "CRUDDUR_SECRETSMANAGER_ENDPOINT",
                  TestSecretsManager.get().endpoint().toString(),
                  "CRUDDUR_ROLLBAR_ENDPOINT",
                  TestRollbar.get().endpoint().toString(),
                  "CRUDDUR_ROLLBAR_BUDGET_MS",
                  "1000"));
    }
    return harness;
  }

  /**
   * The harness over a freshly seeded table, and the proxy its functions reach DynamoDB through:
   * for tests that inject DynamoDB faults into Lambda invocations.
   */
  public static FaultyDynamo harnessOnFreshFaultyDynamo() {
    harness();
    return FaultyDynamo.in(TestDynamo.freshSeeded().endpoint());
  }

  /**
   * A harness like {@link #harness()} deployed with other parameter values (as {@code sam deploy
   * --parameter-overrides} would), whose {@code {{resolve:secretsmanager:ARN:SecretString}}}
   * references resolve to the given fake secret values, as CloudFormation would resolve them at
   * deploy time.
   */
  public static LambdaHarness harnessWith(
      Map<String, String> parameters, Map<String, String> secrets) {
    LambdaHarness base = harness();
    Map<String, String> names =
        new HashMap<>(LambdaHarness.localNames(TestDynamo.get().tableName()));
    names.put("RollbarTokenSecretArn", TestSecretsManager.ROLLBAR_SECRET_ARN);
    names.putAll(parameters);
    Map<String, String> extra = new LinkedHashMap<>();
    for (String name :
        List.of(
            CruddurConfig.DYNAMODB_ENDPOINT,
            "CRUDDUR_SECRETSMANAGER_ENDPOINT",
            "CRUDDUR_ROLLBAR_ENDPOINT",
            "CRUDDUR_ROLLBAR_BUDGET_MS")) {
      extra.put(name, base.environment("HealthCheckFunction").get(name));
    }
    return new LambdaHarness(
        base.template(),
        names,
        extra,
        reference -> {
          Matcher m =
              Pattern.compile("\\{\\{resolve:secretsmanager:(.+):SecretString}}")
                  .matcher(reference);
          if (!m.matches() || !secrets.containsKey(m.group(1))) {
            throw new IllegalArgumentException("no fake secret for " + reference);
          }
          return secrets.get(m.group(1));
        });
  }

  public static ApiResponse invoke(String functionId, JsonNode event) {
    try {
      return toResponse(harness().invoke(functionId, JSON.writeValueAsBytes(event)).json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ApiResponse invoke(String functionId, byte[] event) {
    return toResponse(harness().invoke(functionId, event).json());
  }

  /**
   * An invocation and its response: the trace header the harness set is in {@code
   * invocation.trace()}.
   */
  public record Traced(LambdaHarness.Invocation invocation, ApiResponse response) {}

  public static Traced invokeTraced(String functionId, JsonNode event) {
    try {
      LambdaHarness.Invocation invocation =
          harness().invoke(functionId, JSON.writeValueAsBytes(event));
      return new Traced(invocation, toResponse(invocation.json()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ApiResponse invokeWithTrace(String functionId, JsonNode event, TraceHeader trace) {
    try {
      return toResponse(harness().invoke(functionId, JSON.writeValueAsBytes(event), trace).json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ApiResponse toResponse(JsonNode proxy) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode multi = proxy.path("multiValueHeaders");
    for (Iterator<String> names = multi.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      List<String> values = new ArrayList<>();
      multi.get(name).forEach(v -> values.add(v.asText()));
      headers.put(name, values);
    }
    proxy
        .path("headers")
        .fields()
        .forEachRemaining(e -> headers.putIfAbsent(e.getKey(), List.of(e.getValue().asText())));
    return new ApiResponse(
        proxy.get("statusCode").asInt(),
        headers,
        proxy.path("body").isNull() ? "" : proxy.path("body").asText());
  }

  /** A copy of an events/ fixture, to adjust for one test. */
  public static ObjectNode event(String file) {
    try {
      return (ObjectNode)
          JSON.readTree(Files.readString(Path.of("events", file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode withBody(ObjectNode event, String body) {
    event.put("body", body);
    return event;
  }

  public static ObjectNode withPath(ObjectNode event, String path, String activityParameter) {
    event.put("path", path);
    ((ObjectNode) event.get("requestContext")).put("path", "/prod" + path);
    if (activityParameter != null) {
      event.putObject("pathParameters").put("activity_uuid", activityParameter);
    }
    return event;
  }

  /**
   * Sets the query string as API Gateway sends it (single- and multi-value maps); null removes it.
   */
  public static ObjectNode withQuery(ObjectNode event, Map<String, String> query) {
    if (query == null || query.isEmpty()) {
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
      return event;
    }
    ObjectNode single = event.putObject("queryStringParameters");
    ObjectNode multi = event.putObject("multiValueQueryStringParameters");
    query.forEach(
        (k, v) -> {
          single.put(k, v);
          multi.putArray(k).add(v);
        });
    return event;
  }

  /**
   * Sets the verified Cognito subject the authorizer would pass; null removes the authorizer
   * entirely.
   */
  public static ObjectNode withSubject(ObjectNode event, String subject) {
    ObjectNode context = (ObjectNode) event.get("requestContext");
    if (subject == null) {
      context.remove("authorizer");
    } else {
      // As in a Cognito access token: the app client it was issued to (the stack's, in these
      // fixtures).
      context
          .putObject("authorizer")
          .putObject("claims")
          .put("sub", subject)
          .put("token_use", "access")
          .put("client_id", "exampleclientid0000000000");
    }
    return event;
  }

  public static ObjectNode withHeader(ObjectNode event, String name, String value) {
    ObjectNode headers = (ObjectNode) event.get("headers");
    ObjectNode multi = (ObjectNode) event.get("multiValueHeaders");
    if (value == null) {
      headers.remove(name);
      multi.remove(name);
    } else {
      headers.put(name, value);
      multi.putArray(name).add(value);
    }
    return event;
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
