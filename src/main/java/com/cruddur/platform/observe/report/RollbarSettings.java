package com.cruddur.platform.observe.report;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Rollbar configuration. The token itself is never in the environment of a deployed function: it
 * names a Secrets Manager secret ({@code ROLLBAR_TOKEN_SECRET_ARN}); {@code ROLLBAR_ACCESS_TOKEN}
 * is for local runs.
 *
 * @param budget the longest a report may hold up a response (it is further cut to the invocation's
 *     remaining time)
 */
public record RollbarSettings(
    Optional<String> accessToken,
    Optional<String> tokenSecretArn,
    String environment,
    String codeVersion,
    URI endpoint,
    Duration budget,
    String platform,
    Optional<URI> secretsManagerEndpoint) {

  public static final String ACCESS_TOKEN = "ROLLBAR_ACCESS_TOKEN";
  public static final String TOKEN_SECRET_ARN = "ROLLBAR_TOKEN_SECRET_ARN";
  public static final URI DEFAULT_ENDPOINT = URI.create("https://api.rollbar.com/api/1/item/");

  @Override
  public String toString() {
    // Never print the token, even by accident.
    return "RollbarSettings[token="
        + (accessToken.isPresent() ? "set" : "unset")
        + ", secret="
        + tokenSecretArn.orElse("none")
        + ", environment="
        + environment
        + ", codeVersion="
        + codeVersion
        + ", endpoint="
        + endpoint
        + ", budget="
        + budget.toMillis()
        + "ms]";
  }

  public static RollbarSettings from(
      UnaryOperator<String> lookup, String platform, String defaultEnvironment) {
    return new RollbarSettings(
        value(lookup, ACCESS_TOKEN),
        value(lookup, TOKEN_SECRET_ARN),
        value(lookup, "CRUDDUR_STAGE").orElse(defaultEnvironment),
        value(lookup, "CRUDDUR_CODE_VERSION").orElseGet(BuildInfo::version),
        value(lookup, "CRUDDUR_ROLLBAR_ENDPOINT").map(URI::create).orElse(DEFAULT_ENDPOINT),
        Duration.ofMillis(
            value(lookup, "CRUDDUR_ROLLBAR_BUDGET_MS").map(Long::parseLong).orElse(2000L)),
        platform,
        value(lookup, "CRUDDUR_SECRETSMANAGER_ENDPOINT").map(URI::create));
  }

  private static Optional<String> value(UnaryOperator<String> lookup, String name) {
    String value = lookup.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
