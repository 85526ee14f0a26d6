package com.cruddur.edge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.SamTemplate;
import com.cruddur.platform.dynamo.Attributes;
import com.cruddur.support.AwsCallRecorder;
import com.cruddur.support.AwsCallRecorder.AwsCall;
import com.cruddur.support.IamPolicies;
import com.cruddur.support.SamTranslator;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestSecretsManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The IAM contract: every AWS call a function's code makes is allowed by that function's role as
 * SAM will create it (template.yaml expanded by AWS's SAM translator), and every DynamoDB
 * permission the role grants is used by some path of that function. The calls are recorded by an
 * SDK interceptor on the real clients over each function's events/ fixtures, its SnapStart priming
 * and restore hooks, and the other paths its code has (idempotent retries, mentions, replies,
 * notifications), each run with the function's template environment.
 */
class IamContractTest {

  /**
   * Writers before Notifications, so that the notifications read finds (and batch-reads) what they
   * wrote.
   */
  static final List<String> ORDER =
      List.of(
          "HealthCheckFunction",
          "RollbarTestFunction",
          "HomeActivitiesFunction",
          "SearchActivitiesFunction",
          "ShowActivityFunction",
          "CreateActivityFunction",
          "CreateReplyFunction",
          "NotificationsActivitiesFunction",
          "CreateMessageFunction",
          "MessageGroupsFunction",
          "MessagesFunction",
          "SignUpFunction");

  static final String STREAM_HANDLER = "com.cruddur.edge.lambda.StreamLambdaHandler::handleRequest";

  static SamTemplate template;
  static Map<String, List<IamPolicies.Statement>> policies;
  static final Map<String, List<AwsCall>> calls = new LinkedHashMap<>();

  @BeforeAll
  static void recordEveryFunction() throws IOException {
    LambdaHarness harness = TestLambda.harness();
    TestDynamo.freshSeeded();
    template = harness.template();
    AwsCallRecorder.partitionKeys(partitionKeys(template));

    Map<String, String> overrides =
        Map.of("RollbarTokenSecretArn", TestSecretsManager.ROLLBAR_SECRET_ARN);
    JsonNode expanded = SamTranslator.expand(Path.of("template.yaml"), overrides);
    Map<String, String> names = new LinkedHashMap<>(LambdaHarness.localNames(TestDynamo.TABLE));
    names.putAll(overrides);
    policies = new IamPolicies(expanded, names).byFunction();

    assertThat(ORDER).containsExactlyInAnyOrderElementsOf(template.functionIds());
    for (String function : ORDER) {
      List<AwsCall> recorded = new ArrayList<>();
      for (Map.Entry<String, Supplier<Object>> path : paths(harness, function).entrySet()) {
        recorded.addAll(
            AwsCallRecorder.record(
                path.getKey(),
                () -> {
                  Object unused =
                      path.getValue().get(); // run for its AWS calls; the result is not needed
                }));
      }
      calls.put(function, recorded);
    }
    writeSummary(Path.of("target", "iam-contract-calls.txt"));
  }

  /**
   * Function, action, resource and key prefixes: what the roles must allow, for reading (not
   * asserted).
   */
  static void writeSummary(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    calls.forEach(
        (function, recorded) -> {
          Map<String, TreeSet<String>> byAction = new TreeMap<>();
          for (AwsCall call : recorded) {
            TreeSet<String> prefixes =
                byAction.computeIfAbsent(
                    call.action() + " " + call.resource(), k -> new TreeSet<>());
            call.leadingKeys()
                .forEach(
                    k -> prefixes.add(k.contains("#") ? k.substring(0, k.indexOf('#') + 1) : k));
          }
          byAction.forEach(
              (action, prefixes) ->
                  out.append(function)
                      .append('\t')
                      .append(action)
                      .append('\t')
                      .append(String.join(",", prefixes))
                      .append('\n'));
        });
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
  }

  @Test
  void everyCallAFunctionMakesIsAllowedByItsRole() {
    List<String> problems = new ArrayList<>();
    calls.forEach(
        (function, recorded) -> {
          List<IamPolicies.Statement> statements = policies.get(function);
          assertThat(statements).as("the role of " + function).isNotNull();
          for (AwsCall call : recorded) {
            IamPolicies.denial(statements, call)
                .ifPresent(why -> problems.add(function + " is refused " + call + ": " + why));
          }
        });
    assertThat(problems).as("calls the roles do not allow").isEmpty();
  }

  @Test
  void everyDynamoDbPermissionAFunctionHoldsIsUsed() {
    List<String> problems = new ArrayList<>();
    policies.forEach(
        (function, statements) -> {
          List<AwsCall> recorded = calls.getOrDefault(function, List.of());
          for (IamPolicies.Statement statement : statements) {
            if (!statement.effect().equals("Allow")) {
              continue;
            }
            for (String action : statement.actions()) {
              if (!action.toLowerCase(Locale.ROOT).startsWith("dynamodb:")) {
                continue;
              }
              for (String resource : statement.resources()) {
                IamPolicies.Statement one =
                    new IamPolicies.Statement(
                        statement.policy(),
                        "Allow",
                        List.of(action),
                        List.of(resource),
                        statement.conditions());
                if (recorded.stream()
                    .noneMatch(c -> IamPolicies.denial(List.of(one), c).isEmpty())) {
                  problems.add(
                      function
                          + " may "
                          + action
                          + " on "
                          + resource
                          + " ("
                          + statement.policy()
                          + "), which none of its recorded paths does");
                }
              }
            }
          }
        });
    assertThat(problems).as("permissions no code path uses").isEmpty();
  }

  /**
   * DynamoDB grants on the table itself that may go without a {@code dynamodb:LeadingKeys}
   * condition, as "Function action" → why. Empty: every role's table access is narrowed to the key
   * prefixes its code reads or writes. An entry here needs a reason a reviewer can check.
   */
  static final Map<String, String> TABLE_GRANTS_WITHOUT_LEADING_KEYS = Map.of();

  /** The table's private index: conversation entries, read only by the conversation list. */
  static final String CONVERSATIONS_INDEX = "gsi3";

  static final String CONVERSATIONS_READER = "MessageGroupsFunction";

  /**
   * Every DynamoDB grant that covers the table (not only an index) names the key prefixes it
   * allows, with a condition that checks every key of the request (ForAllValues) against a literal
   * prefix, and is not one of the actions such a condition does not narrow (a Scan or a wildcard
   * has no leading key, and ForAllValues holds for none).
   */
  @Test
  void everyTableGrantIsNarrowedToKeyPrefixes() {
    String table = AwsCallRecorder.tableArn(TestDynamo.TABLE);
    List<String> problems = new ArrayList<>();
    policies.forEach(
        (function, statements) -> {
          for (IamPolicies.Statement statement : dynamoAllows(statements)) {
            if (statement.resources().stream()
                .noneMatch(r -> IamPolicies.wildcard(r, table, false))) {
              continue;
            }
            for (String action : statement.actions()) {
              String name = function + " " + action;
              String lower = action.toLowerCase(Locale.ROOT);
              if (lower.contains("*") || lower.contains("?") || lower.equals("dynamodb:scan")) {
                problems.add(name + " on the table: no key condition can narrow it");
              }
              if (TABLE_GRANTS_WITHOUT_LEADING_KEYS.containsKey(name)) {
                continue;
              }
              Optional<String> why = leadingKeysProblem(statement);
              why.ifPresent(
                  w -> problems.add(name + " on the table (" + statement.policy() + "): " + w));
            }
          }
        });
    assertThat(problems).as("table grants not narrowed by dynamodb:LeadingKeys").isEmpty();
    assertThat(TABLE_GRANTS_WITHOUT_LEADING_KEYS.values())
        .as("each allow-listed grant says why")
        .allSatisfy(reason -> assertThat(reason).isNotBlank());
  }

  /**
   * Conversation entries are private: only the conversation list may read their index (any action,
   * by any resource pattern), and it is the one role whose grants reach it.
   */
  @Test
  void onlyTheConversationListCanReadTheConversationsIndex() {
    String index = AwsCallRecorder.tableArn(TestDynamo.TABLE) + "/index/" + CONVERSATIONS_INDEX;
    List<String> holders = new ArrayList<>();
    policies.forEach(
        (function, statements) -> {
          boolean reaches =
              dynamoAllows(statements).stream()
                  .anyMatch(
                      s ->
                          s.resources().stream()
                              .anyMatch(r -> IamPolicies.wildcard(r, index, false)));
          if (reaches) {
            holders.add(function);
          }
          for (String action : List.of("dynamodb:Query", "dynamodb:Scan")) {
            for (Set<String> keys : List.of(Set.<String>of(), Set.of("GRP#" + UUID.randomUUID()))) {
              AwsCall call = new AwsCall(action, index, keys, "synthetic");
              boolean allowed = IamPolicies.denial(statements, call).isEmpty();
              boolean expected = function.equals(CONVERSATIONS_READER) && action.endsWith("Query");
              assertThat(allowed).as(function + " " + call).isEqualTo(expected);
            }
          }
        });
    assertThat(holders).containsExactly(CONVERSATIONS_READER);
    assertThat(calls.get(CONVERSATIONS_READER))
        .as("the list reads the index it is granted")
        .anySatisfy(c -> assertThat(c.resource()).isEqualTo(index));
  }

  /**
   * The data side of the same boundary, over everything the recorded paths and the seed wrote:
   * conversation entries carry only the conversations index's key, and nothing else carries it. An
   * entry with a gsi1 or gsi2 key would be readable by every role that queries those.
   */
  @Test
  void conversationEntriesAreOnTheirOwnIndexOnly() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    TestDynamo.get()
        .client()
        .scanPaginator(b -> b.tableName(TestDynamo.TABLE))
        .items()
        .forEach(items::add);
    List<Map<String, AttributeValue>> entries =
        items.stream()
            .filter(i -> i.get(Attributes.PK).s().startsWith(Attributes.MESSAGE_GROUPS_PREFIX))
            .toList();
    assertThat(entries)
        .as("the seed and the recorded sends wrote conversation entries")
        .isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      String key = item.get(Attributes.PK).s() + " | " + item.get(Attributes.SK).s();
      boolean entry = entries.contains(item);
      for (String other :
          List.of(Attributes.GSI1_PK, Attributes.GSI1_SK, Attributes.GSI2_PK, Attributes.GSI2_SK)) {
        if (entry && item.containsKey(other)) {
          problems.add(key + ": a conversation entry carries " + other);
        }
      }
      for (String own : List.of(Attributes.GSI3_PK, Attributes.GSI3_SK)) {
        if (entry != item.containsKey(own)) {
          problems.add(key + (entry ? ": a conversation entry lacks " : ": carries ") + own);
        }
      }
    }
    assertThat(problems).as("items on the wrong index").isEmpty();
  }

  private static List<IamPolicies.Statement> dynamoAllows(List<IamPolicies.Statement> statements) {
    return statements.stream()
        .filter(s -> s.effect().equals("Allow"))
        .filter(
            s ->
                s.actions().stream()
                    .anyMatch(
                        a -> a.equals("*") || a.toLowerCase(Locale.ROOT).startsWith("dynamodb:")))
        .toList();
  }

  /** Why the statement's condition does not narrow every key of a request to a prefix, if so. */
  private static Optional<String> leadingKeysProblem(IamPolicies.Statement statement) {
    List<String> prefixes = null;
    for (Map.Entry<String, Map<String, List<String>>> op : statement.conditions().entrySet()) {
      List<String> values = op.getValue().get("dynamodb:LeadingKeys");
      if (values == null) {
        continue;
      }
      if (!op.getKey().startsWith("ForAllValues:")) {
        return Optional.of(op.getKey() + " does not check every key of a request");
      }
      prefixes = values;
    }
    if (prefixes == null || prefixes.isEmpty()) {
      return Optional.of("no dynamodb:LeadingKeys condition");
    }
    for (String prefix : prefixes) {
      if (prefix.isEmpty() || prefix.startsWith("*") || prefix.startsWith("?")) {
        return Optional.of("key pattern " + prefix + " does not start with a literal prefix");
      }
    }
    return Optional.empty();
  }

  @Test
  void everyFunctionWasRecordedOnTheTableOfItsEnvironment() {
    assertThat(calls.get("HomeActivitiesFunction"))
        .isNotEmpty()
        .allSatisfy(
            c -> assertThat(c.resource()).startsWith(AwsCallRecorder.tableArn(TestDynamo.TABLE)));
    assertThat(calls.get("CreateActivityFunction"))
        .extracting(AwsCall::action)
        .contains(
            "dynamodb:PutItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:GetItem");
  }

  // ----------------------------------------------------------------------------------------------
  // the paths

  /** What each function runs, by a name that says where a call came from. */
  static Map<String, Supplier<Object>> paths(LambdaHarness harness, String function)
      throws IOException {
    Map<String, Supplier<Object>> paths = new LinkedHashMap<>();
    boolean api = template.function(function).handler().equals(STREAM_HANDLER);
    if (api) {
      // As under SnapStart: before any invocation, with the function's environment, no trace
      // header.
      paths.put("priming", () -> harness.withEnvironment(function, () -> primer().prime()));
    }
    for (JsonNode entry :
        TestLambda.JSON.readTree(Path.of("events/manifest.json").toFile()).get("events")) {
      if (entry.get("function").asText().equals(function)) {
        String file = entry.get("event").asText();
        byte[] event = read(Path.of("events", file));
        paths.put(file, () -> harness.invoke(function, event));
      }
    }
    switch (function) {
      case "CreateActivityFunction" -> {
        ObjectNode mention =
            TestLambda.withBody(
                TestLambda.event("create-activity.json"),
                TestLambda.json(
                    Map.of("message", "IAM contract check, hello @worf", "ttl", "1-hour")));
        paths.put("create mentioning @worf", () -> TestLambda.invoke(function, mention));
        ObjectNode keyed =
            TestLambda.withHeader(
                TestLambda.event("create-activity.json"),
                "Idempotency-Key",
                "iam-contract-create-0001");
        paths.put("create with Idempotency-Key", () -> TestLambda.invoke(function, keyed));
        paths.put(
            "create retried with the same Idempotency-Key",
            () -> TestLambda.invoke(function, keyed));
      }
      case "CreateReplyFunction" -> {
        ObjectNode keyed =
            TestLambda.withHeader(
                TestLambda.event("create-reply.json"),
                "Idempotency-Key",
                "iam-contract-reply-0001");
        paths.put("reply with Idempotency-Key", () -> TestLambda.invoke(function, keyed));
        paths.put(
            "reply retried with the same Idempotency-Key",
            () -> TestLambda.invoke(function, keyed));
      }
      case "CreateMessageFunction" -> {
        ObjectNode keyed =
            TestLambda.withHeader(
                TestLambda.event("create-message.json"),
                "Idempotency-Key",
                "iam-contract-message-0001");
        paths.put("message with Idempotency-Key", () -> TestLambda.invoke(function, keyed));
        paths.put(
            "message retried with the same Idempotency-Key",
            () -> TestLambda.invoke(function, keyed));
      }
      default -> {}
    }
    if (api) {
      paths.put(
          "afterRestore",
          () ->
              harness.withEnvironment(
                  function,
                  () -> {
                    primer().afterRestore(null);
                    return null;
                  }));
    }
    return paths;
  }

  /** The priming SnapStart registers: the one for this function's environment. */
  static Priming primer() {
    return Priming.forThisFunction(new StreamLambdaHandler());
  }

  /**
   * The partition-key attribute of the table ("") and of each index, from the table's definition.
   */
  static Map<String, String> partitionKeys(SamTemplate template) {
    Map<String, Object> table = template.properties("ActivitiesTable");
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("", hashKey(table.get("KeySchema")));
    for (Object index : (List<?>) table.get("GlobalSecondaryIndexes")) {
      Map<String, Object> gsi = SamTemplate.map(index);
      keys.put((String) gsi.get("IndexName"), hashKey(gsi.get("KeySchema")));
    }
    return keys;
  }

  private static String hashKey(Object keySchema) {
    Optional<String> hash =
        ((List<?>) keySchema)
            .stream()
                .map(SamTemplate::map)
                .filter(k -> "HASH".equals(k.get("KeyType")))
                .map(k -> (String) k.get("AttributeName"))
                .findFirst();
    return hash.orElseThrow();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
