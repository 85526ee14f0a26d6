package com.cruddur.platform.observe.report;

import com.cruddur.platform.AwsEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Finds the Rollbar token: {@code ROLLBAR_ACCESS_TOKEN} (local runs), else the Secrets Manager
 * secret named by {@code ROLLBAR_TOKEN_SECRET_ARN}, read once per container. The secret may hold
 * the bare token or a JSON object with a {@code ROLLBAR_ACCESS_TOKEN} (or {@code token}) field. The
 * value is never logged.
 */
final class RollbarToken {

  private static final Logger log = LoggerFactory.getLogger(RollbarToken.class);

  private RollbarToken() {}

  static Optional<String> resolve(RollbarSettings settings) {
    if (settings.accessToken().isPresent()) {
      return settings.accessToken();
    }
    if (settings.tokenSecretArn().isEmpty()) {
      return Optional.empty();
    }
    String arn = settings.tokenSecretArn().get();
    try (SecretsManagerClient secrets =
        AwsEndpoints.configure(SecretsManagerClient.builder(), settings.secretsManagerEndpoint())
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(1))
                    .socketTimeout(Duration.ofSeconds(2))
                    .build())
            .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(4)))
            .build()) {
      String secret = secrets.getSecretValue(b -> b.secretId(arn)).secretString();
      return fromSecret(secret);
    } catch (RuntimeException e) {
      log.warn(
          "Rollbar reporting is off: could not read the token secret {} ({})",
          arn,
          e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ")));
      return Optional.empty();
    }
  }

  static Optional<String> fromSecret(String secret) {
    if (secret == null || secret.isBlank()) {
      return Optional.empty();
    }
    String trimmed = secret.trim();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode json = new ObjectMapper().readTree(trimmed);
        for (String field : new String[] {RollbarSettings.ACCESS_TOKEN, "token", "access_token"}) {
          if (json.hasNonNull(field) && !json.get(field).asText().isBlank()) {
            return Optional.of(json.get(field).asText().trim());
          }
        }
        return Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(trimmed);
  }
}
