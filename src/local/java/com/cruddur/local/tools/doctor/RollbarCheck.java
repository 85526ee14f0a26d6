package com.cruddur.local.tools.doctor;

import static com.cruddur.local.tools.doctor.Values.SECRET_ARN;
import static com.cruddur.local.tools.doctor.Values.UNINTERPOLATED;
import static com.cruddur.local.tools.doctor.Values.describe;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Rollbar token: from a secret (deployed) or the environment (local), and shaped like a token.
 */
record RollbarCheck(Map<String, String> settings, Report report) {

  private static final Pattern ROLLBAR_TOKEN = Pattern.compile("[0-9a-f]{32}");

  void check() {
    String arn = settings.get("ROLLBAR_TOKEN_SECRET_ARN");
    String token = settings.get("ROLLBAR_ACCESS_TOKEN");
    if (arn != null && !arn.isBlank()) {
      if (SECRET_ARN.matcher(arn.strip()).matches()) {
        report.ok(
            "Rollbar token",
            "read at cold start from the secret in ROLLBAR_TOKEN_SECRET_ARN (" + arn.strip() + ")");
      } else {
        report.fail(
            "Rollbar token",
            "ROLLBAR_TOKEN_SECRET_ARN is not a Secrets Manager secret ARN",
            "deploy with RollbarTokenSecretArn=arn:aws:secretsmanager:<region>:<account>:secret:<name>");
      }
      return;
    }
    if (token == null || token.isBlank()) {
      report.fail(
          "Rollbar token",
          "not set: errors are not reported to Rollbar",
          settings.containsKey("AWS_LAMBDA_FUNCTION_NAME")
                  || settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")
                  || settings.containsKey("ROLLBAR_TOKEN_SECRET_ARN")
              ? "deploy with RollbarTokenSecretArn=<ARN of a secret holding the post_server_item token>"
              : "export ROLLBAR_ACCESS_TOKEN=<your project's post_server_item token>");
      return;
    }
    Matcher placeholder = UNINTERPOLATED.matcher(token);
    if (placeholder.find()) {
      report.fail(
          "Rollbar token",
          "ROLLBAR_ACCESS_TOKEN is the literal text " + placeholder.group(),
          "put the token's value there");
    } else if (!ROLLBAR_TOKEN.matcher(token).matches()) {
      report.fail(
          "Rollbar token",
          "ROLLBAR_ACCESS_TOKEN does not look like a Rollbar token ("
              + describe(token)
              + "); tokens are 32 hex characters",
          "copy the post_server_item token from Rollbar (Project > Access" + " Tokens)");
    } else {
      report.ok("Rollbar token", "ROLLBAR_ACCESS_TOKEN, " + describe(token));
    }
  }
}
