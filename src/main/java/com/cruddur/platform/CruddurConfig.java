package com.cruddur.platform;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything the application reads from its environment, read once at startup and validated.
 *
 * <p>Names are environment-variable names, and each can also be given as a JVM system property of
 * the same name (that is how the in-JVM Lambda harness applies a function's template environment).
 *
 * @param tableName DynamoDB table holding users, activities and their indexes ({@code
 *     CRUDDUR_TABLE_NAME})
 * @param dynamoDbEndpoint endpoint override, e.g. DynamoDB Local ({@code
 *     CRUDDUR_DYNAMODB_ENDPOINT}); empty in AWS
 * @param frontendOrigins origins allowed by CORS ({@code CRUDDUR_FRONTEND_ORIGINS},
 *     comma-separated)
 */
public record CruddurConfig(
    String tableName, Optional<URI> dynamoDbEndpoint, List<String> frontendOrigins) {

  public static final String TABLE_NAME = "CRUDDUR_TABLE_NAME";
  public static final String DYNAMODB_ENDPOINT = "CRUDDUR_DYNAMODB_ENDPOINT";
  public static final String FRONTEND_ORIGINS = "CRUDDUR_FRONTEND_ORIGINS";
  public static final String DEFAULT_FRONTEND_ORIGIN = "http://localhost:3000";

  public CruddurConfig {
    frontendOrigins = List.copyOf(frontendOrigins);
  }

  /**
   * Reads and validates the configuration.
   *
   * @param lookup returns the value of a variable or null when unset
   * @throws IllegalStateException naming every problem at once, so a misconfigured deploy fails its
   *     init clearly
   */
  public static CruddurConfig from(UnaryOperator<String> lookup) {
    List<String> problems = new ArrayList<>();

    String table = trimToNull(lookup.apply(TABLE_NAME));
    if (table == null) {
      problems.add(TABLE_NAME + " is not set");
    } else if (!table.matches("[A-Za-z0-9_.-]{3,255}")) {
      problems.add(TABLE_NAME + " is not a valid DynamoDB table name");
    }

    Optional<URI> endpoint = Optional.empty();
    String rawEndpoint = trimToNull(lookup.apply(DYNAMODB_ENDPOINT));
    if (rawEndpoint != null) {
      try {
        URI uri = URI.create(rawEndpoint);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          problems.add(
              DYNAMODB_ENDPOINT + " must be an http(s) URL with a host, got '" + rawEndpoint + "'");
        } else {
          endpoint = Optional.of(uri);
        }
      } catch (IllegalArgumentException e) {
        problems.add(DYNAMODB_ENDPOINT + " is not a URL: '" + rawEndpoint + "'");
      }
    }

    String rawOrigins = trimToNull(lookup.apply(FRONTEND_ORIGINS));
    List<String> origins =
        rawOrigins == null
            ? List.of(DEFAULT_FRONTEND_ORIGIN)
            : Arrays.stream(rawOrigins.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    for (String origin : origins) {
      if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
        problems.add(
            FRONTEND_ORIGINS
                + " entry '"
                + origin
                + "' must look like https://host[:port] with no path");
      }
    }
    if (origins.isEmpty()) {
      problems.add(FRONTEND_ORIGINS + " is empty");
    }

    if (!problems.isEmpty()) {
      throw new IllegalStateException("Invalid configuration: " + String.join("; ", problems));
    }
    return new CruddurConfig(table, endpoint, origins);
  }

  /**
   * For edges without Spring: a JVM system property wins over the environment variable of the same
   * name, the same order Spring's Environment uses.
   */
  public static String processValue(String name) {
    String property = System.getProperty(name);
    return property != null ? property : System.getenv(name);
  }

  private static String trimToNull(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
