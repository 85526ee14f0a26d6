package com.cruddur.support;

import com.cruddur.support.AwsCallRecorder.AwsCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM policies of each Lambda function's role in an expanded (post-SAM) CloudFormation
 * template, with the intrinsics resolved against concrete fake values, and a small evaluator of
 * identity-based statements: actions and resources with IAM wildcards, and the condition operators
 * the template uses. Anything it does not understand fails loudly instead of being read as
 * "allowed".
 */
public final class IamPolicies {

  /** One statement, resolved. {@code conditions}: operator → condition key → values. */
  public record Statement(
      String policy,
      String effect,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, List<String>>> conditions) {

    boolean grants(String action) {
      return actions.stream().anyMatch(a -> wildcard(a, action, true));
    }
  }

  /**
   * Managed policies SAM attaches to every function role; neither grants DynamoDB or Secrets
   * Manager.
   */
  static final Set<String> KNOWN_MANAGED =
      Set.of(
          "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
          "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess");

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final JsonNode template;
  private final Map<String, String> names;

  /**
   * @param names values of parameters, pseudo parameters and resources' Ref (e.g. the table's
   *     name); parameter defaults fill what is not given
   */
  public IamPolicies(JsonNode template, Map<String, String> names) {
    this.template = template;
    Map<String, String> all = new LinkedHashMap<>();
    template
        .path("Parameters")
        .fields()
        .forEachRemaining(
            p -> {
              if (p.getValue().has("Default")) {
                all.put(p.getKey(), p.getValue().get("Default").asText());
              }
            });
    all.putAll(names);
    this.names = all;
  }

  /** Each AWS::Lambda::Function's role statements, by function logical id. */
  public Map<String, List<Statement>> byFunction() {
    Map<String, List<Statement>> functions = new LinkedHashMap<>();
    template
        .path("Resources")
        .fields()
        .forEachRemaining(
            r -> {
              if (r.getValue().path("Type").asText().equals("AWS::Lambda::Function")) {
                JsonNode role = r.getValue().path("Properties").path("Role");
                String roleId = role.path("Fn::GetAtt").path(0).asText(null);
                if (roleId == null) {
                  throw new IllegalStateException(
                      r.getKey() + " has a role this check cannot follow: " + role);
                }
                functions.put(r.getKey(), roleStatements(roleId));
              }
            });
    return functions;
  }

  private List<Statement> roleStatements(String roleId) {
    JsonNode properties = resolve(template.path("Resources").path(roleId).path("Properties"));
    for (JsonNode managed : properties.path("ManagedPolicyArns")) {
      if (!KNOWN_MANAGED.contains(managed.asText())) {
        throw new IllegalStateException(
            roleId + " has a managed policy this check cannot read: " + managed);
      }
    }
    List<Statement> statements = new ArrayList<>();
    for (JsonNode policy : properties.path("Policies")) {
      String name = policy.path("PolicyName").asText();
      for (JsonNode s : list(policy.path("PolicyDocument").path("Statement"))) {
        for (String unsupported :
            List.of("NotAction", "NotResource", "NotPrincipal", "Principal")) {
          if (s.has(unsupported)) {
            throw new IllegalStateException(
                name + " uses " + unsupported + ", which this check does not evaluate");
          }
        }
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        s.path("Condition")
            .fields()
            .forEachRemaining(
                op -> {
                  Map<String, List<String>> keys = new LinkedHashMap<>();
                  op.getValue()
                      .fields()
                      .forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue())));
                  conditions.put(op.getKey(), keys);
                });
        statements.add(
            new Statement(
                name,
                s.path("Effect").asText(),
                strings(s.path("Action")),
                strings(s.path("Resource")),
                conditions));
      }
    }
    return statements;
  }

  /**
   * Why the statements do not allow the call, or empty when they do (an Allow matches and no Deny
   * does).
   */
  public static Optional<String> denial(List<Statement> statements, AwsCall call) {
    boolean allowed = false;
    for (Statement s : statements) {
      if (s.grants(call.action())
          && s.resources().stream().anyMatch(r -> wildcard(r, call.resource(), false))
          && conditionsHold(s, call)) {
        if (s.effect().equals("Deny")) {
          return Optional.of("denied by " + s.policy());
        }
        allowed = allowed || s.effect().equals("Allow");
      }
    }
    return allowed ? Optional.empty() : Optional.of("no statement allows it");
  }

  private static boolean conditionsHold(Statement s, AwsCall call) {
    for (Map.Entry<String, Map<String, List<String>>> op : s.conditions().entrySet()) {
      for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
        if (!key.getKey().equals("dynamodb:LeadingKeys")) {
          throw new IllegalStateException(
              s.policy() + ": condition key " + key.getKey() + " is not evaluated here");
        }
        Set<String> values = call.leadingKeys();
        List<String> patterns = key.getValue();
        boolean holds =
            switch (op.getKey()) {
              // ForAllValues holds for an empty set: a request with no partition key (e.g. a Scan)
              // passes it.
              case "ForAllValues:StringLike" ->
                  values.stream()
                      .allMatch(v -> patterns.stream().anyMatch(p -> wildcard(p, v, false)));
              case "ForAllValues:StringEquals" -> values.stream().allMatch(patterns::contains);
              case "ForAnyValue:StringLike" ->
                  values.stream()
                      .anyMatch(v -> patterns.stream().anyMatch(p -> wildcard(p, v, false)));
              case "StringLike" ->
                  values.size() == 1
                      && patterns.stream()
                          .anyMatch(p -> wildcard(p, values.iterator().next(), false));
              case "StringEquals" ->
                  values.size() == 1 && patterns.contains(values.iterator().next());
              default ->
                  throw new IllegalStateException(
                      s.policy()
                          + ": condition operator "
                          + op.getKey()
                          + " is not evaluated here");
            };
        if (!holds) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * IAM's wildcards: {@code *} any run of characters, {@code ?} one character; actions compare
   * case-insensitively.
   */
  public static boolean wildcard(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
        .matcher(value)
        .matches();
  }

  // ----------------------------------------------------------------------------------------------
  // intrinsics

  /**
   * The node with Ref, Fn::Sub, Fn::GetAtt, Fn::If, Fn::Join resolved; AWS::NoValue entries
   * dropped.
   */
  JsonNode resolve(JsonNode node) {
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(
          e -> {
            JsonNode r = resolve(e);
            if (!r.isMissingNode()) {
              out.add(r);
            }
          });
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    if (node.size() == 1) {
      String function = node.fieldNames().next();
      JsonNode argument = node.get(function);
      switch (function) {
        case "Ref":
          return argument.asText().equals("AWS::NoValue")
              ? MissingNode.getInstance()
              : text(ref(argument.asText()));
        case "Fn::GetAtt":
          {
            String[] parts =
                argument.isArray()
                    ? new String[] {argument.get(0).asText(), argument.get(1).asText()}
                    : argument.asText().split("\\.", 2);
            return text(getAtt(parts[0], parts[1]));
          }
        case "Fn::Sub":
          return text(sub(argument));
        case "Fn::If":
          return resolve(condition(argument.get(0).asText()) ? argument.get(1) : argument.get(2));
        case "Fn::Join":
          {
            List<String> parts = new ArrayList<>();
            resolve(argument.get(1)).forEach(p -> parts.add(p.asText()));
            return text(String.join(argument.get(0).asText(), parts));
          }
        default:
          if (function.startsWith("Fn::")) {
            throw new IllegalStateException(function + " is not resolved here: " + node);
          }
      }
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode r = resolve(e.getValue());
      if (!r.isMissingNode()) {
        out.set(e.getKey(), r);
      }
    }
    return out;
  }

  private String ref(String name) {
    String value = names.get(name);
    if (value == null) {
      throw new IllegalStateException("no value for Ref " + name);
    }
    return value;
  }

  private String getAtt(String resource, String attribute) {
    String type = template.path("Resources").path(resource).path("Type").asText();
    if (attribute.equals("Arn") && type.equals("AWS::DynamoDB::Table")) {
      return AwsCallRecorder.tableArn(ref(resource));
    }
    return "arn:aws:fake:"
        + AwsCallRecorder.REGION
        + ":"
        + AwsCallRecorder.ACCOUNT
        + ":"
        + resource
        + "/"
        + attribute;
  }

  private String sub(JsonNode argument) {
    String text = argument.isArray() ? argument.get(0).asText() : argument.asText();
    Map<String, String> local = new LinkedHashMap<>();
    if (argument.isArray()) {
      argument
          .get(1)
          .fields()
          .forEachRemaining(v -> local.put(v.getKey(), resolve(v.getValue()).asText()));
    }
    Matcher m = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String variable = m.group(1);
      String value =
          local.containsKey(variable)
              ? local.get(variable)
              : variable.contains(".") && !variable.startsWith("AWS::")
                  ? getAtt(
                      variable.substring(0, variable.indexOf('.')),
                      variable.substring(variable.indexOf('.') + 1))
                  : ref(variable);
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private boolean condition(String name) {
    JsonNode definition = template.path("Conditions").path(name);
    if (definition.isMissingNode()) {
      throw new IllegalStateException("no condition " + name);
    }
    return evaluate(definition);
  }

  private boolean evaluate(JsonNode node) {
    String function = node.fieldNames().next();
    JsonNode argument = node.get(function);
    return switch (function) {
      case "Fn::Equals" ->
          resolve(argument.get(0)).asText().equals(resolve(argument.get(1)).asText());
      case "Fn::Not" -> !evaluate(argument.get(0));
      case "Fn::And" -> {
        boolean all = true;
        for (JsonNode c : argument) {
          all &= evaluate(c);
        }
        yield all;
      }
      case "Fn::Or" -> {
        boolean any = false;
        for (JsonNode c : argument) {
          any |= evaluate(c);
        }
        yield any;
      }
      case "Condition" -> condition(argument.asText());
      default ->
          throw new IllegalStateException(
              "condition function " + function + " is not evaluated here");
    };
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    list(node).forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else if (!node.isMissingNode() && !node.isNull()) {
      items.add(node);
    }
    return items;
  }

  private static TextNode text(String value) {
    return TextNode.valueOf(value);
  }
}
