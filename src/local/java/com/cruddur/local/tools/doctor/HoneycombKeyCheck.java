package com.cruddur.local.tools.doctor;

import static com.cruddur.local.tools.doctor.NameChecks.ENDPOINT;
import static com.cruddur.local.tools.doctor.NameChecks.HEADERS;
import static com.cruddur.local.tools.doctor.NameChecks.TEAM_HEADER;
import static com.cruddur.local.tools.doctor.NameChecks.TRACES_ENDPOINT;
import static com.cruddur.local.tools.doctor.NameChecks.TRACES_HEADERS;
import static com.cruddur.local.tools.doctor.Values.SECRET_ARN;
import static com.cruddur.local.tools.doctor.Values.UNINTERPOLATED;
import static com.cruddur.local.tools.doctor.Values.describe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Honeycomb key the settings hold, where from, and whether it can send: its header form,
 * shape and kind.
 */
record HoneycombKeyCheck(Map<String, String> settings, Report report) {

  private static final Pattern INGEST_KEY = Pattern.compile("hc[a-z]ik_[a-z0-9]{58}");
  private static final Pattern MANAGEMENT_KEY = Pattern.compile("hc[a-z]mk_[A-Za-z0-9]+");
  private static final Pattern CONFIGURATION_KEY = Pattern.compile("[A-Za-z0-9]{22}");
  private static final Pattern CLASSIC_KEY = Pattern.compile("[0-9a-f]{32}");

  /** The key as found, with where it came from. */
  record HoneycombKey(String value, String source, boolean usable) {}

  HoneycombKey key() {
    List<HoneycombKey> found = new ArrayList<>();
    for (String variable : List.of(HEADERS, TRACES_HEADERS)) {
      String headers = settings.get(variable);
      if (headers == null) {
        continue;
      }
      String value = headerValue(variable, headers);
      if (value != null) {
        found.add(new HoneycombKey(value, variable + " (" + TEAM_HEADER + "=…)", true));
      }
    }
    if (settings.containsKey("HONEYCOMB_API_KEY")) {
      found.add(new HoneycombKey(settings.get("HONEYCOMB_API_KEY"), "HONEYCOMB_API_KEY", true));
    }
    boolean lambda =
        settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")
            || settings.containsKey("OPENTELEMETRY_COLLECTOR_CONFIG_URI");
    if (LayerChecks.community(settings)) {
      return communityKey(found);
    }
    if (found.isEmpty()) {
      boolean exporting =
          settings.containsKey(ENDPOINT)
              || settings.containsKey(TRACES_ENDPOINT)
              || settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER");
      if (exporting) {
        report.fail(
            "Honeycomb key",
            "spans are to be exported but no key is set",
            lambda
                ? "deploy with --parameter-overrides HoneycombApiKeySecretArn=<ARN of a secret holding the key>"
                : "export " + HEADERS + "=\"" + TEAM_HEADER + "=<your ingest key>\"");
      } else {
        report.warn(
            "Honeycomb key",
            "not set: OpenTelemetry export is off (X-Ray, logs and Rollbar are unaffected)",
            "to send spans to Honeycomb: export "
                + ENDPOINT
                + "=https://api.honeycomb.io "
                + HEADERS
                + "=\""
                + TEAM_HEADER
                + "=<your ingest key>\"");
      }
      return null;
    }
    HoneycombKey key = found.get(0);
    String value = key.value();
    Matcher placeholder = UNINTERPOLATED.matcher(value);
    if (placeholder.find()) {
      report.fail(
          "Honeycomb key",
          "from "
              + key.source()
              + " is the literal text "
              + placeholder.group()
              + ", not a key: the variable was never expanded (Honeycomb answers 401 unknown API key)",
          "put the key's value there (in a shell: export NAME=\"...\" with double quotes and the variable already"
              + " set; in docker-compose/.env: no ${...} inside values it does not expand)");
      return new HoneycombKey(value, key.source(), false);
    }
    if (value.isBlank()) {
      report.fail(
          "Honeycomb key",
          "from " + key.source() + " is empty",
          "set it to your Honeycomb ingest key");
      return new HoneycombKey(value, key.source(), false);
    }
    if (!value.equals(value.strip()) || value.startsWith("\"") || value.startsWith("'")) {
      report.fail(
          "Honeycomb key",
          "from " + key.source() + " has surrounding quotes or spaces (" + describe(value) + ")",
          "remove the quotes/spaces around the key");
      return new HoneycombKey(value, key.source(), false);
    }
    if (MANAGEMENT_KEY.matcher(value).matches()) {
      report.fail(
          "Honeycomb key",
          "from "
              + key.source()
              + " is a management key ("
              + describe(value)
              + "), which cannot send data",
          "create an ingest key in Honeycomb (Environment settings > API keys)");
      return new HoneycombKey(value, key.source(), false);
    }
    String kind =
        INGEST_KEY.matcher(value).matches()
            ? "ingest key"
            : CLASSIC_KEY.matcher(value).matches()
                ? "Honeycomb Classic key"
                : CONFIGURATION_KEY.matcher(value).matches() ? "configuration key" : null;
    if (kind == null) {
      report.fail(
          "Honeycomb key",
          "from "
              + key.source()
              + " does not look like a Honeycomb key ("
              + describe(value)
              + "); an ingest key is hc?ik_ followed by 58 letters and digits",
          "copy the whole key from Honeycomb (Environment settings > API keys); no prefix, no line break");
      return new HoneycombKey(value, key.source(), false);
    }
    if (found.size() > 1 && found.stream().map(HoneycombKey::value).distinct().count() > 1) {
      report.warn(
          "Honeycomb key",
          "set differently in "
              + String.join(" and ", found.stream().map(HoneycombKey::source).toList())
              + "; "
              + key.source()
              + " is used",
          "keep one of them");
    }
    report.ok("Honeycomb key", kind + " from " + key.source() + ", " + describe(value));
    if (kind.startsWith("Honeycomb Classic")
        && Stream.of(HEADERS, TRACES_HEADERS)
            .map(settings::get)
            .noneMatch(
                h -> h != null && h.toLowerCase(Locale.ROOT).contains("x-honeycomb-dataset="))) {
      report.warn(
          "Honeycomb key",
          "a Classic key needs a dataset: without x-honeycomb-dataset Honeycomb files spans"
              + " under a default one",
          "add ,x-honeycomb-dataset=cruddur to " + HEADERS + " (or use an ingest key)");
    }
    return key;
  }

  /** The x-honeycomb-team value of a W3C-baggage-style header list, reporting a malformed one. */
  private String headerValue(String variable, String headers) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String entry : headers.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 0) {
        String hint = entry.contains(":") ? " (write name=value, not name: value)" : "";
        report.fail(
            "header form",
            variable + " has an entry without '='" + hint,
            "write " + variable + "=\"" + TEAM_HEADER + "=<your key>\"");
        return null;
      }
      parsed.put(
          entry.substring(0, equals).strip().toLowerCase(Locale.ROOT),
          entry.substring(equals + 1).strip());
    }
    if (!parsed.containsKey(TEAM_HEADER)) {
      Set<String> names = new LinkedHashSet<>(parsed.keySet());
      report.fail(
          "header form",
          variable + " has no " + TEAM_HEADER + " header (has: " + names + ")",
          "write " + variable + "=\"" + TEAM_HEADER + "=<your key>\"");
      return null;
    }
    report.ok("header form", variable + " has " + TEAM_HEADER + "=…");
    return parsed.get(TEAM_HEADER);
  }

  /**
   * With the community collector the key is read from Secrets Manager when the collector starts:
   * the environment must name the secret and must not hold the key (that is the point of the
   * flavour).
   */
  private HoneycombKey communityKey(List<HoneycombKey> found) {
    if (!found.isEmpty()) {
      report.fail(
          "Honeycomb key",
          "found in "
              + found.get(0).source()
              + ", but the community collector reads it from"
              + " Secrets Manager: the function's environment must not hold it",
          "redeploy with template.yaml (OtelLayer=community puts only HONEYCOMB_API_KEY_SECRET_ARN in the"
              + " environment)");
    }
    String arn = settings.get("HONEYCOMB_API_KEY_SECRET_ARN");
    if (arn == null || arn.isBlank()) {
      report.fail(
          "Honeycomb key",
          "the community collector config is set but HONEYCOMB_API_KEY_SECRET_ARN is not (the"
              + " collector would fail to start)",
          "deploy with HoneycombApiKeySecretArn=<ARN of the secret>");
    } else if (!SECRET_ARN.matcher(arn).matches()) {
      report.fail(
          "Honeycomb key",
          "HONEYCOMB_API_KEY_SECRET_ARN is not a Secrets Manager secret ARN",
          "set HoneycombApiKeySecretArn to the secret's full ARN (arn:aws:secretsmanager:…:secret:…)");
    } else if (found.isEmpty()) {
      report.ok(
          "Honeycomb key",
          "read by the collector from Secrets Manager at start (secret "
              + arn
              + "); the"
              + " function role may read only that secret");
    }
    return null; // the value is not here to check or to ask Honeycomb about
  }
}
