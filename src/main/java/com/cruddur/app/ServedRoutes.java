package com.cruddur.app;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The routes this Lambda function serves ({@value #VARIABLE}, set per function in template.yaml
 * next to its Events; a test keeps the two equal): Spring builds the beans of these routes only,
 * and SnapStart primes these.
 */
public final class ServedRoutes {

  public static final String VARIABLE = "CRUDDUR_PRIMING_ROUTES";

  private ServedRoutes() {}

  /**
   * The routes named in {@code value} (comma-separated), or empty when it is unset or blank (every
   * route).
   */
  public static Set<String> parse(String value) {
    if (value == null) {
      return Set.of();
    }
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(r -> !r.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * {@link ServesRoutes}'s test. It reads the process environment only, not system properties: the
   * in-JVM harness serves every function from one JVM and one application context, setting each
   * function's variables as system properties per invocation, so there every route must be built.
   */
  static final class Condition implements org.springframework.context.annotation.Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Set<String> served = parse(fromProcessEnvironment(context));
      if (served.isEmpty()) {
        return true;
      }
      var attributes = metadata.getAnnotationAttributes(ServesRoutes.class.getName());
      String[] routes = attributes == null ? new String[0] : (String[]) attributes.get("value");
      return Arrays.stream(routes).anyMatch(served::contains);
    }

    private static String fromProcessEnvironment(ConditionContext context) {
      if (context.getEnvironment() instanceof ConfigurableEnvironment environment) {
        PropertySource<?> variables =
            environment
                .getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        Object value = variables == null ? null : variables.getProperty(VARIABLE);
        return value == null ? null : value.toString();
      }
      return null;
    }
  }
}
