package com.cruddur.local.sam;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml as the local tools read it: CloudFormation short-form tags (!Ref, !Sub, !GetAtt,
 * !If, …) parse into {@link Intrinsic} values, functions are merged with Globals the way SAM merges
 * them, and environment values are resolved against the template's parameters and the local
 * resources.
 */
public final class SamTemplate {

  /**
   * A CloudFormation intrinsic function, e.g. {@code Ref: ActivitiesTable} or {@code Fn::Sub:
   * "..."}.
   */
  public record Intrinsic(String function, Object argument) {}

  /** One AWS::Serverless::Function with Globals applied. */
  public record FunctionSpec(
      String logicalId,
      String handler,
      String runtime,
      int memorySize,
      int timeoutSeconds,
      Map<String, Object> environment,
      Object functionName,
      Map<String, Object> properties) {}

  private static final String[] TAGS = {
    "Ref",
    "Sub",
    "GetAtt",
    "If",
    "Equals",
    "Not",
    "And",
    "Or",
    "Condition",
    "Join",
    "Select",
    "Split",
    "FindInMap",
    "Base64",
    "Cidr",
    "ImportValue",
    "GetAZs",
    "Transform",
    "Contains",
    "EachMemberEquals",
    "EachMemberIn",
    "RefAll",
    "ValueOf",
    "ValueOfAll",
    "Length",
    "ToJsonString"
  };
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final Map<String, Object> root;

  private SamTemplate(Map<String, Object> root) {
    this.root = root;
  }

  public static SamTemplate load(Path path) {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Object parsed = new Yaml(new CloudFormationConstructor()).load(reader);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException(path + " is not a YAML mapping");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> root = (Map<String, Object>) map;
      return new SamTemplate(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }

  public Map<String, Object> resources() {
    return map(root.get("Resources"));
  }

  /**
   * A top-level section as parsed, e.g. {@code Parameters} (with their constraints) or {@code
   * Rules}.
   */
  public Map<String, Object> section(String name) {
    return map(root.get(name));
  }

  public Map<String, Object> resource(String logicalId) {
    Map<String, Object> resource = map(resources().get(logicalId));
    if (resource.isEmpty()) {
      throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
    }
    return resource;
  }

  public Map<String, Object> properties(String logicalId) {
    return map(resource(logicalId).get("Properties"));
  }

  /** Parameter defaults, the values a stack gets when the deployer overrides nothing. */
  public Map<String, String> parameterDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    map(root.get("Parameters"))
        .forEach(
            (name, spec) -> {
              Object value = map(spec).get("Default");
              if (value != null) {
                defaults.put(name, String.valueOf(value));
              }
            });
    return defaults;
  }

  public List<String> functionIds() {
    List<String> ids = new ArrayList<>();
    resources()
        .forEach(
            (id, resource) -> {
              if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                ids.add(id);
              }
            });
    return ids;
  }

  /**
   * The function with Globals.Function merged in (function values win; environment variables merge
   * by name).
   */
  public FunctionSpec function(String logicalId) {
    Map<String, Object> resource = resource(logicalId);
    if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
      throw new IllegalArgumentException(logicalId + " is not an AWS::Serverless::Function");
    }
    Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
    Map<String, Object> own = map(resource.get("Properties"));
    Map<String, Object> merged = new LinkedHashMap<>(globals);
    merged.putAll(own);
    Map<String, Object> environment = new LinkedHashMap<>(variables(globals));
    environment.putAll(variables(own));
    return new FunctionSpec(
        logicalId,
        (String) merged.get("Handler"),
        (String) merged.get("Runtime"),
        intValue(merged.getOrDefault("MemorySize", 128)),
        intValue(merged.getOrDefault("Timeout", 3)),
        environment,
        merged.get("FunctionName"),
        merged);
  }

  private static Map<String, Object> variables(Map<String, Object> properties) {
    return map(map(properties.get("Environment")).get("Variables"));
  }

  /**
   * Resolves a template value to a string: plain scalars, {@code !Ref} to a parameter or a named
   * local value, {@code !Sub} over the same names (pseudo parameters included), {@code !If} over
   * the template's Conditions and {@code !FindInMap} over its Mappings. Returns null for {@code
   * !Ref AWS::NoValue} (CloudFormation then drops the property). Anything else cannot be known
   * locally.
   *
   * @param names values for logical ids, pseudo parameters and overridden parameters, checked
   *     before defaults
   */
  public String resolve(Object value, Map<String, String> names) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    if (value instanceof Intrinsic intrinsic) {
      switch (intrinsic.function()) {
        case "Ref":
          return "AWS::NoValue".equals(intrinsic.argument())
              ? null
              : lookup(String.valueOf(intrinsic.argument()), names);
        case "Sub":
          return substitute(intrinsic.argument(), names);
        case "If":
          if (intrinsic.argument() instanceof List<?> branches && branches.size() == 3) {
            return resolve(
                condition(String.valueOf(branches.get(0)), names)
                    ? branches.get(1)
                    : branches.get(2),
                names);
          }
          break;
        case "FindInMap":
          // The template's own Mappings (e.g. the ADOT layer per region); a missing key is
          // CloudFormation's error too.
          if (intrinsic.argument() instanceof List<?> keys && keys.size() == 3) {
            Object found =
                map(map(map(root.get("Mappings")).get(resolve(keys.get(0), names)))
                        .get(resolve(keys.get(1), names)))
                    .get(resolve(keys.get(2), names));
            if (found == null) {
              throw new IllegalArgumentException("template.yaml Mappings has no " + keys);
            }
            return resolve(found, names);
          }
          break;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "cannot resolve " + value + " locally; give its value explicitly");
  }

  /**
   * Resolves a list-valued property (e.g. a function's Layers): a YAML list of resolvable values,
   * or an {@code !If} choosing one. Returns an empty list for {@code AWS::NoValue}.
   */
  public List<String> resolveList(Object value, Map<String, String> names) {
    if (value instanceof Intrinsic intrinsic
        && "If".equals(intrinsic.function())
        && intrinsic.argument() instanceof List<?> branches
        && branches.size() == 3) {
      return resolveList(
          condition(String.valueOf(branches.get(0)), names) ? branches.get(1) : branches.get(2),
          names);
    }
    if (value instanceof Intrinsic intrinsic
            && "Ref".equals(intrinsic.function())
            && "AWS::NoValue".equals(intrinsic.argument())
        || value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      List<String> resolved = new ArrayList<>();
      for (Object element : list) {
        String one = resolve(element, names);
        if (one != null) {
          resolved.add(one);
        }
      }
      return resolved;
    }
    throw new IllegalArgumentException("cannot resolve " + value + " as a list locally");
  }

  /** Evaluates one of the template's Conditions with the given parameter values. */
  public boolean condition(String name, Map<String, String> names) {
    Object definition = map(root.get("Conditions")).get(name);
    if (definition == null) {
      throw new IllegalArgumentException("template.yaml has no condition " + name);
    }
    return evaluate(definition, names);
  }

  private boolean evaluate(Object definition, Map<String, String> names) {
    if (definition instanceof Intrinsic intrinsic && intrinsic.argument() instanceof List<?> args) {
      switch (intrinsic.function()) {
        case "Equals":
          return Objects.equals(resolve(args.get(0), names), resolve(args.get(1), names));
        case "Not":
          return !evaluate(args.get(0), names);
        case "And":
          return args.stream().allMatch(a -> evaluate(a, names));
        case "Or":
          return args.stream().anyMatch(a -> evaluate(a, names));
        default:
          break;
      }
    }
    if (definition instanceof Intrinsic intrinsic && "Condition".equals(intrinsic.function())) {
      return condition(String.valueOf(intrinsic.argument()), names);
    }
    throw new IllegalArgumentException("cannot evaluate condition " + definition + " locally");
  }

  private String substitute(Object argument, Map<String, String> names) {
    String text;
    Map<String, String> scoped = new LinkedHashMap<>(names);
    if (argument instanceof List<?> list && list.size() == 2) {
      text = String.valueOf(list.get(0));
      map(list.get(1)).forEach((k, v) -> scoped.put(k, resolve(v, names)));
    } else {
      text = String.valueOf(argument);
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(lookup(matcher.group(1), scoped)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private String lookup(String name, Map<String, String> names) {
    if (names.containsKey(name)) {
      return names.get(name);
    }
    String parameter = parameterDefaults().get(name);
    if (parameter != null) {
      return parameter;
    }
    throw new IllegalArgumentException("no local value for '" + name + "'");
  }

  /** A YAML mapping as a typed map (empty when absent or not a mapping). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** A YAML sequence of mappings as a typed list (empty when absent). */
  public static List<Map<String, Object>> list(Object value) {
    return value instanceof List<?> l ? l.stream().map(SamTemplate::map).toList() : List.of();
  }

  private static int intValue(Object value) {
    return value instanceof Number n ? n.intValue() : Integer.parseInt(Objects.toString(value));
  }

  /** SnakeYAML constructor that understands the CloudFormation short forms. */
  private static final class CloudFormationConstructor extends SafeConstructor {

    CloudFormationConstructor() {
      super(new LoaderOptions());
      for (String function : TAGS) {
        yamlConstructors.put(new Tag("!" + function), new ConstructIntrinsic(function));
      }
    }

    private final class ConstructIntrinsic extends AbstractConstruct {
      private final String function;

      ConstructIntrinsic(String function) {
        this.function = function;
      }

      @Override
      public Object construct(Node node) {
        Object argument;
        if (node instanceof ScalarNode scalar) {
          argument = constructScalar(scalar);
          if ("GetAtt".equals(function)) {
            argument = List.of(((String) argument).split("\\.", 2));
          }
        } else if (node instanceof SequenceNode sequence) {
          argument = constructSequence(sequence);
        } else {
          argument = constructMapping((MappingNode) node);
        }
        return new Intrinsic(function, argument);
      }
    }
  }
}
