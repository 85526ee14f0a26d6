package com.cruddur.local.doctor;

import com.cruddur.local.invoke.OtelLayer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/doctor}: says, before anyone deploys, whether the telemetry settings will work, and what to change if
 * not. It reads the settings of this shell (local server), or a deployed function's environment
 * ({@code --env-file}, e.g. from {@code aws lambda get-function-configuration}), and checks the Honeycomb key and
 * endpoint, the OTEL_* header variables, the Rollbar token and the X-Ray daemon address. Values are never printed:
 * only where they came from and a fingerprint. With {@code --online} it asks Honeycomb's auth endpoint about the
 * key. Exit status: 0 when nothing failed, 1 otherwise, 2 for bad usage.
 */
public final class Doctor {

  /** The outcome of one check. */
  public enum Status { OK, WARN, FAIL }

  /** One line of the report; {@code fix} says what to do when it is not OK. */
  public record Finding(Status status, String check, String detail, String fix) {}

  /** Honeycomb's API in each region: a key belongs to one and is unknown in the other. */
  public static final Map<String, URI> HONEYCOMB_REGIONS = Map.of(
      "US", URI.create("https://api.honeycomb.io"), "EU", URI.create("https://api.eu1.honeycomb.io"));

  static final String HEADERS = "OTEL_EXPORTER_OTLP_HEADERS";
  static final String TRACES_HEADERS = "OTEL_EXPORTER_OTLP_TRACES_HEADERS";
  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
  static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
  static final String TEAM_HEADER = "x-honeycomb-team";

  /** The OTEL_* and related names the stack uses; anything close to one of these but not equal is a misspelling. */
  static final List<String> KNOWN = List.of(HEADERS, TRACES_HEADERS, ENDPOINT, TRACES_ENDPOINT,
      "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_TIMEOUT",
      "OTEL_EXPORTER_OTLP_COMPRESSION", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_SAMPLER",
      "OTEL_TRACES_SAMPLER_ARG", "OTEL_PROPAGATORS", "OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER",
      "OTEL_LOGS_EXPORTER", "OTEL_SDK_DISABLED", "OTEL_BSP_SCHEDULE_DELAY", "HONEYCOMB_API_KEY",
      "HONEYCOMB_ENDPOINT", "ROLLBAR_ACCESS_TOKEN", "ROLLBAR_TOKEN_SECRET_ARN", "AWS_XRAY_DAEMON_ADDRESS",
      "OPENTELEMETRY_COLLECTOR_CONFIG_URI", "AWS_LAMBDA_EXEC_WRAPPER", "HONEYCOMB_API_KEY_SECRET_ARN");
  /** The collector configurations the artifact ships at /var/task (template.yaml picks one per OtelLayer). */
  static final Map<String, String> COLLECTOR_CONFIGS = Map.of(
      "/var/task/collector.yaml", "adot", "/var/task/collector-community.yaml", "community");

  private static final Pattern UNINTERPOLATED = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_]+%"
      + "|<[^>]*>");
  private static final Pattern INGEST_KEY = Pattern.compile("hc[a-z]ik_[a-z0-9]{58}");
  private static final Pattern MANAGEMENT_KEY = Pattern.compile("hc[a-z]mk_[A-Za-z0-9]+");
  private static final Pattern CONFIGURATION_KEY = Pattern.compile("[A-Za-z0-9]{22}");
  private static final Pattern CLASSIC_KEY = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern ROLLBAR_TOKEN = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SECRET_ARN =
      Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the settings came from, for the report ("this shell", "env.json"). */
  private final String origin;
  private final Map<String, String> settings;
  private final Map<String, URI> regions;
  private final HttpClient http;
  private final List<Finding> findings = new ArrayList<>();

  public Doctor(String origin, Map<String, String> settings, Map<String, URI> regions) {
    this.origin = origin;
    this.settings = Map.copyOf(settings);
    this.regions = Map.copyOf(regions);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static void main(String[] arguments) throws IOException {
    System.exit(run(arguments, System.getenv(), System.out, System.err));
  }

  /** The command: returns its exit status (0 nothing failed, 1 something to fix, 2 bad usage). */
  public static int run(String[] arguments, Map<String, String> environment, PrintStream out, PrintStream err)
      throws IOException {
    Map<String, String> settings = new LinkedHashMap<>(environment);
    String origin = "the environment of this shell";
    boolean online = false;
    Map<String, URI> regions = new LinkedHashMap<>(HONEYCOMB_REGIONS);
    for (int i = 0; i < arguments.length; i++) {
      boolean hasValue = i + 1 < arguments.length;
      switch (arguments[i]) {
        case "--online" -> online = true;
        case "--env-file" -> {
          if (!hasValue) {
            err.print(USAGE);
            return 2;
          }
          String file = arguments[++i];
          // "-": standard input, so a deployed function's settings (which hold the key) need no file on disk.
          settings = parseEnv(file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of(file), StandardCharsets.UTF_8));
          origin = file.equals("-") ? "standard input" : file;
        }
        // For a stand-in of Honeycomb's API (the tests use one on loopback).
        case "--honeycomb-us", "--honeycomb-eu" -> {
          if (!hasValue) {
            err.print(USAGE);
            return 2;
          }
          regions.put(arguments[i].endsWith("us") ? "US" : "EU", URI.create(arguments[++i]));
        }
        case "-h", "--help" -> {
          out.print(USAGE);
          return 0;
        }
        default -> {
          err.print(USAGE);
          return 2;
        }
      }
    }
    List<Finding> report = new Doctor(origin, settings, regions).examine(online);
    print(report, origin, out);
    return report.stream().anyMatch(f -> f.status() == Status.FAIL) ? 1 : 0;
  }

  static final String USAGE = """
      usage: bin/doctor [--env-file FILE] [--online]

        Checks the telemetry settings (Honeycomb key and endpoint, OTEL_* header variables, Rollbar token, X-Ray
        daemon address) and says how to fix each problem. Values are never printed, only their source and a
        fingerprint.
        (default)        the environment of this shell, as the local server would see it
        --env-file FILE  a deployed function's environment: JSON (aws lambda get-function-configuration
                         --function-name NAME --query Environment.Variables) or NAME=value lines (.env);
                         FILE "-" reads standard input
        --online         also ask Honeycomb's auth endpoint whether it knows the key, and in which region
      """;

  /**
   * A JSON object of variables (bare, or Lambda's {"Variables": …} / {"Environment": {"Variables": …}}), or
   * NAME=value lines as in a .env file (blank lines, comments, "export " and quotes around a value allowed).
   */
  static Map<String, String> parseEnv(String text) throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    if (text.stripLeading().startsWith("{")) {
      JsonNode root = JSON.readTree(text);
      JsonNode variables = root.has("Variables") ? root.get("Variables")
          : root.path("Environment").has("Variables") ? root.path("Environment").get("Variables") : root;
      variables.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
      return settings;
    }
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.startsWith("export ")) {
        trimmed = trimmed.substring("export ".length()).strip();
      }
      int equals = trimmed.indexOf('=');
      if (equals > 0) {
        String value = trimmed.substring(equals + 1);
        boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"));
        settings.put(trimmed.substring(0, equals).strip(), quoted ? value.substring(1, value.length() - 1) : value);
      }
    }
    return settings;
  }

  /** Runs every check; with {@code online}, also asks Honeycomb. */
  public List<Finding> examine(boolean online) {
    findings.clear();
    checkSpelling();
    checkProtocol();
    HoneycombKey key = honeycombKey();
    URI api = honeycombEndpoint();
    if (online && key != null && key.usable()) {
      askHoneycomb(key, api);
    }
    checkLayerFlavour();
    checkCollectorReferences();
    checkRollbar();
    checkDaemonAddress();
    return List.copyOf(findings);
  }

  // ------------------------------------------------------------------------------------------------ names

  /** The local server's exporter speaks HTTP only (no gRPC sender is on its classpath). */
  private void checkProtocol() {
    for (String variable : List.of("OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")) {
      String protocol = settings.get(variable);
      if (protocol != null && !settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")
          && !List.of("http/protobuf", "http/json").contains(protocol.strip())) {
        fail("OTLP protocol", variable + "=" + protocol.strip() + ": the local server exports over HTTP only",
            "unset it (http/protobuf is the default) or set http/protobuf");
      }
    }
  }

  private void checkSpelling() {
    boolean any = false;
    for (String name : settings.keySet()) {
      if (KNOWN.contains(name)) {
        continue;
      }
      String upper = name.toUpperCase(Locale.ROOT);
      String closest = null;
      int best = Integer.MAX_VALUE;
      for (String known : KNOWN) {
        int distance = distance(upper, known);
        if (distance < best) {
          best = distance;
          closest = known;
        }
      }
      boolean relevant = upper.startsWith("OTEL") || upper.startsWith("HONEYCOMB") || upper.startsWith("ROLLBAR")
          || upper.contains("XRAY");
      if (relevant && closest != null && (best <= 3 || upper.equals(closest))) {
        any = true;
        fail("variable names", name + " is set, but nothing reads that name; the name read is " + closest,
            "rename " + name + " to " + closest + (closest.equals(HEADERS)
                ? " (plural: OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team=<key>\")" : ""));
      }
    }
    if (!any) {
      ok("variable names", "no misspelled OTEL_*, HONEYCOMB_*, ROLLBAR_* or X-Ray variable");
    }
  }

  /** Levenshtein distance, for "did you mean". */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  // ------------------------------------------------------------------------------------------------ Honeycomb

  /** The key as found, with where it came from. */
  record HoneycombKey(String value, String source, boolean usable) {}

  private HoneycombKey honeycombKey() {
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
    boolean lambda = settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")
        || settings.containsKey("OPENTELEMETRY_COLLECTOR_CONFIG_URI");
    if (community()) {
      return communityKey(found);
    }
    if (found.isEmpty()) {
      boolean exporting = settings.containsKey(ENDPOINT) || settings.containsKey(TRACES_ENDPOINT)
          || settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER");
      if (exporting) {
        fail("Honeycomb key", "spans are to be exported but no key is set",
            lambda ? "deploy with --parameter-overrides HoneycombApiKeySecretArn=<ARN of a secret holding the key>"
                : "export " + HEADERS + "=\"" + TEAM_HEADER + "=<your ingest key>\"");
      } else {
        warn("Honeycomb key", "not set: OpenTelemetry export is off (X-Ray, logs and Rollbar are unaffected)",
            "to send spans to Honeycomb: export " + ENDPOINT + "=https://api.honeycomb.io " + HEADERS + "=\""
                + TEAM_HEADER + "=<your ingest key>\"");
      }
      return null;
    }
    HoneycombKey key = found.get(0);
    String value = key.value();
    Matcher placeholder = UNINTERPOLATED.matcher(value);
    if (placeholder.find()) {
      fail("Honeycomb key", "from " + key.source() + " is the literal text " + placeholder.group()
          + ", not a key: the variable was never expanded (Honeycomb answers 401 unknown API key)",
          "put the key's value there (in a shell: export NAME=\"...\" with double quotes and the variable already"
              + " set; in docker-compose/.env: no ${...} inside values it does not expand)");
      return new HoneycombKey(value, key.source(), false);
    }
    if (value.isBlank()) {
      fail("Honeycomb key", "from " + key.source() + " is empty", "set it to your Honeycomb ingest key");
      return new HoneycombKey(value, key.source(), false);
    }
    if (!value.equals(value.strip()) || value.startsWith("\"") || value.startsWith("'")) {
      fail("Honeycomb key", "from " + key.source() + " has surrounding quotes or spaces (" + describe(value) + ")",
          "remove the quotes/spaces around the key");
      return new HoneycombKey(value, key.source(), false);
    }
    if (MANAGEMENT_KEY.matcher(value).matches()) {
      fail("Honeycomb key", "from " + key.source() + " is a management key (" + describe(value)
          + "), which cannot send data", "create an ingest key in Honeycomb (Environment settings > API keys)");
      return new HoneycombKey(value, key.source(), false);
    }
    String kind = INGEST_KEY.matcher(value).matches() ? "ingest key"
        : CLASSIC_KEY.matcher(value).matches() ? "Honeycomb Classic key"
        : CONFIGURATION_KEY.matcher(value).matches() ? "configuration key" : null;
    if (kind == null) {
      fail("Honeycomb key", "from " + key.source() + " does not look like a Honeycomb key (" + describe(value)
          + "); an ingest key is hc?ik_ followed by 58 letters and digits",
          "copy the whole key from Honeycomb (Environment settings > API keys); no prefix, no line break");
      return new HoneycombKey(value, key.source(), false);
    }
    if (found.size() > 1 && found.stream().map(HoneycombKey::value).distinct().count() > 1) {
      warn("Honeycomb key", "set differently in " + String.join(" and ", found.stream().map(HoneycombKey::source)
          .toList()) + "; " + key.source() + " is used", "keep one of them");
    }
    ok("Honeycomb key", kind + " from " + key.source() + ", " + describe(value));
    if (kind.startsWith("Honeycomb Classic") && Stream.of(HEADERS, TRACES_HEADERS).map(settings::get)
        .noneMatch(h -> h != null && h.toLowerCase(Locale.ROOT).contains("x-honeycomb-dataset="))) {
      warn("Honeycomb key", "a Classic key needs a dataset: without x-honeycomb-dataset Honeycomb files spans"
          + " under a default one", "add ,x-honeycomb-dataset=cruddur to " + HEADERS + " (or use an ingest key)");
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
        fail("header form", variable + " has an entry without '='" + hint,
            "write " + variable + "=\"" + TEAM_HEADER + "=<your key>\"");
        return null;
      }
      parsed.put(entry.substring(0, equals).strip().toLowerCase(Locale.ROOT), entry.substring(equals + 1).strip());
    }
    if (!parsed.containsKey(TEAM_HEADER)) {
      Set<String> names = new LinkedHashSet<>(parsed.keySet());
      fail("header form", variable + " has no " + TEAM_HEADER + " header (has: " + names + ")",
          "write " + variable + "=\"" + TEAM_HEADER + "=<your key>\"");
      return null;
    }
    ok("header form", variable + " has " + TEAM_HEADER + "=…");
    return parsed.get(TEAM_HEADER);
  }

  /** The Honeycomb API base the settings point at (for the auth check), reporting a wrong endpoint. */
  private URI honeycombEndpoint() {
    String variable = settings.containsKey("HONEYCOMB_ENDPOINT") ? "HONEYCOMB_ENDPOINT"
        : settings.containsKey(TRACES_ENDPOINT) ? TRACES_ENDPOINT : settings.containsKey(ENDPOINT) ? ENDPOINT : null;
    if (variable == null) {
      return regions.get("US");
    }
    String value = settings.get(variable).strip();
    Matcher placeholder = UNINTERPOLATED.matcher(value);
    if (placeholder.find()) {
      fail("Honeycomb endpoint", variable + " is the literal text " + placeholder.group(), "set it to "
          + HONEYCOMB_REGIONS.get("US") + " (US) or " + HONEYCOMB_REGIONS.get("EU") + " (EU)");
      return regions.get("US");
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      fail("Honeycomb endpoint", variable + " is not a URL", "set it to " + HONEYCOMB_REGIONS.get("US"));
      return regions.get("US");
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      fail("Honeycomb endpoint", variable + " is not a URL with a scheme (" + value + ")",
          "set it to " + HONEYCOMB_REGIONS.get("US") + " (with https://)");
      return regions.get("US");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    boolean doubledPath = variable.equals(ENDPOINT) && path.endsWith("/v1/traces");
    if (doubledPath) {
      fail("Honeycomb endpoint", ENDPOINT + " ends in /v1/traces; the SDK adds that itself (→ /v1/traces/v1/traces,"
          + " 404)", "set " + ENDPOINT + "=" + uri.getScheme() + "://" + uri.getAuthority()
          + " (or use " + TRACES_ENDPOINT + " for the full URL)");
    }
    for (Map.Entry<String, URI> region : HONEYCOMB_REGIONS.entrySet()) {
      if (region.getValue().getHost().equalsIgnoreCase(uri.getHost())) {
        if (doubledPath) {
          return regions.get(region.getKey());
        }
        if (!"https".equals(uri.getScheme())) {
          fail("Honeycomb endpoint", variable + " uses " + uri.getScheme() + "://; Honeycomb only takes https",
              "set it to " + region.getValue());
        } else {
          ok("Honeycomb endpoint", variable + " is Honeycomb " + region.getKey() + " (" + uri.getHost() + ")");
        }
        return regions.get(region.getKey());
      }
    }
    if (uri.getHost().contains("honeycomb")) {
      fail("Honeycomb endpoint", variable + " host " + uri.getHost() + " is not a Honeycomb API host",
          "use " + HONEYCOMB_REGIONS.get("US").getHost() + " (US) or " + HONEYCOMB_REGIONS.get("EU").getHost()
              + " (EU)");
    } else {
      warn("Honeycomb endpoint", variable + " points at " + uri.getHost() + ", not Honeycomb (a collector?)",
          "fine for a collector; for Honeycomb use " + HONEYCOMB_REGIONS.get("US"));
    }
    return regions.get("US");
  }

  /** Honeycomb's GET /1/auth: 200 with the team and environment, or 401 for a key it does not know. */
  private void askHoneycomb(HoneycombKey key, URI api) {
    String region = regions.entrySet().stream().filter(e -> e.getValue().equals(api)).map(Map.Entry::getKey)
        .findFirst().orElse("US");
    Answer answer = auth(api, key.value());
    if (answer.error() != null) {
      fail("Honeycomb online", "could not reach " + api.getHost() + ": " + answer.error(),
          "check the network/proxy (HTTPS_PROXY) or run without --online");
      return;
    }
    if (answer.status() == 200) {
      JsonNode body = answer.body();
      String team = body.path("team").path("name").asText(body.path("team").path("slug").asText("?"));
      String environment = body.path("environment").path("name").asText(body.path("environment").path("slug")
          .asText(""));
      JsonNode access = body.path("api_key_access");
      if (access.has("events") && !access.path("events").asBoolean()) {
        fail("Honeycomb online", "Honeycomb " + region + " knows the key (team " + team + ") but it may not send"
            + " events", "give the key the 'Send Events' permission or use an ingest key");
        return;
      }
      ok("Honeycomb online", "Honeycomb " + region + " accepts the key: team " + team
          + (environment.isEmpty() ? " (Classic)" : ", environment " + environment));
      return;
    }
    if (answer.status() == 401) {
      for (Map.Entry<String, URI> other : regions.entrySet()) {
        if (other.getKey().equals(region)) {
          continue;
        }
        Answer elsewhere = auth(other.getValue(), key.value());
        if (elsewhere.status() == 200) {
          fail("Honeycomb online", "the key belongs to Honeycomb " + other.getKey() + ", but the endpoint is "
              + region + " (Honeycomb " + region + " answers 401 unknown API key)",
              "deploy with HoneycombRegion=" + other.getKey() + " / set the endpoint to "
                  + HONEYCOMB_REGIONS.get(other.getKey()));
          return;
        }
      }
      fail("Honeycomb online", "Honeycomb answers 401 unknown API key in every region (" + key.source() + ", "
          + describe(key.value()) + ")", "the key was deleted, mistyped or truncated: create a new ingest key and"
          + " set it again");
      return;
    }
    fail("Honeycomb online", "Honeycomb " + region + " answered HTTP " + answer.status(),
        "try again later; if it persists check status.honeycomb.io");
  }

  record Answer(int status, JsonNode body, String error) {}

  private Answer auth(URI api, String key) {
    HttpRequest request = HttpRequest.newBuilder(api.resolve("/1/auth")).timeout(Duration.ofSeconds(10))
        .header("X-Honeycomb-Team", key).header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
      } catch (IOException notJson) {
        body = JSON.createObjectNode();
      }
      return new Answer(response.statusCode(), body, null);
    } catch (HttpTimeoutException e) {
      return new Answer(0, null, "no answer within the timeout");
    } catch (ConnectException e) {
      return new Answer(0, null, "connection refused or no route (no network?)");
    } catch (IOException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return new Answer(0, null, cause instanceof UnknownHostException ? "unknown host (no DNS/network?)"
          : cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, null, "interrupted");
    }
  }

  /** OtelLayer=community: the collector config the template gives that flavour (and only that one). */
  private boolean community() {
    return "community".equals(COLLECTOR_CONFIGS.get(settings.getOrDefault("OPENTELEMETRY_COLLECTOR_CONFIG_URI", "")));
  }

  /**
   * With the community collector the key is read from Secrets Manager when the collector starts: the environment
   * must name the secret and must not hold the key (that is the point of the flavour).
   */
  private HoneycombKey communityKey(List<HoneycombKey> found) {
    if (!found.isEmpty()) {
      fail("Honeycomb key", "found in " + found.get(0).source() + ", but the community collector reads it from"
          + " Secrets Manager: the function's environment must not hold it",
          "redeploy with template.yaml (OtelLayer=community puts only HONEYCOMB_API_KEY_SECRET_ARN in the"
              + " environment)");
    }
    String arn = settings.get("HONEYCOMB_API_KEY_SECRET_ARN");
    if (arn == null || arn.isBlank()) {
      fail("Honeycomb key", "the community collector config is set but HONEYCOMB_API_KEY_SECRET_ARN is not (the"
          + " collector would fail to start)", "deploy with HoneycombApiKeySecretArn=<ARN of the secret>");
    } else if (!SECRET_ARN.matcher(arn).matches()) {
      fail("Honeycomb key", "HONEYCOMB_API_KEY_SECRET_ARN is not a Secrets Manager secret ARN",
          "set HoneycombApiKeySecretArn to the secret's full ARN (arn:aws:secretsmanager:…:secret:…)");
    } else if (found.isEmpty()) {
      ok("Honeycomb key", "read by the collector from Secrets Manager at start (secret " + arn + "); the function"
          + " role may read only that secret");
    }
    return null; // the value is not here to check or to ask Honeycomb about
  }

  /**
   * The layer flavour's own needs: a collector config the artifact ships, and the propagator that joins the
   * wrapper's spans to the invocation's X-Ray trace on Java 17+ (xray-lambda for the community wrapper; ADOT's
   * wrapper feeds the invocation's header to xray itself).
   */
  private void checkLayerFlavour() {
    if (!settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")) {
      return;
    }
    String uri = settings.get("OPENTELEMETRY_COLLECTOR_CONFIG_URI");
    String flavour = uri == null ? null : COLLECTOR_CONFIGS.get(uri);
    if (flavour == null) {
      fail("collector config", "OPENTELEMETRY_COLLECTOR_CONFIG_URI is " + (uri == null ? "not set" : uri)
          + ", not a config the artifact ships (the layer would fall back to its own default config, which does not"
          + " send to Honeycomb)", "use one of " + new TreeSet<>(COLLECTOR_CONFIGS.keySet()));
      return;
    }
    ok("collector config", "the " + flavour + " layer's collector reads " + uri);
    // Unset: the layer script's default (ADOT xray,tracecontext,b3,b3multi; community tracecontext,baggage,xray).
    String set = settings.get("OTEL_PROPAGATORS");
    List<String> propagators = Stream.of((set != null ? set
        : OtelLayer.Flavour.valueOf(flavour.toUpperCase(Locale.ROOT)).defaultPropagators).split(","))
        .map(String::strip).toList();
    String needed = flavour.equals("community") ? "xray-lambda" : "xray";
    if (propagators.contains(needed)) {
      ok("propagators", "OTEL_PROPAGATORS has " + needed + ": the spans join the invocation's X-Ray trace");
    } else {
      fail("propagators", "OTEL_PROPAGATORS (" + String.join(",", propagators) + ") lacks " + needed + ": on Java"
          + " 17+ the " + flavour + " wrapper's spans would start a trace of their own, apart from X-Ray's",
          "set OTEL_PROPAGATORS=" + (flavour.equals("community") ? "tracecontext,baggage,xray-lambda"
              : "tracecontext,baggage,xray"));
    }
  }

  /**
   * In Lambda the collector reads aws/otel/collector.yaml (or collector-community.yaml), whose ${env:NAME}
   * references must all be set in the function's environment; an unset one silently becomes an empty header.
   */
  private void checkCollectorReferences() {
    if (!settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")) {
      return;
    }
    Path config = Path.of("aws", "otel", community() ? "collector-community.yaml" : "collector.yaml");
    if (!Files.isRegularFile(config)) {
      warn("collector config", config + " not found from here; run bin/doctor from the repository root",
          "cd to the repository");
      return;
    }
    try {
      Matcher reference = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}")
          .matcher(Files.readAllLines(config, StandardCharsets.UTF_8).stream()
              .filter(line -> !line.strip().startsWith("#")).collect(java.util.stream.Collectors.joining("\n")));
      List<String> missing = new ArrayList<>();
      while (reference.find()) {
        String value = settings.get(reference.group(1));
        if (value == null || value.isBlank()) {
          missing.add(reference.group(1));
        }
      }
      if (missing.isEmpty()) {
        ok("collector config", "every ${env:…} in " + config + " is set");
      } else {
        fail("collector config", config + " uses " + missing + ", not set in " + origin
            + " (the collector would send an empty value)", "deploy with HoneycombApiKeySecretArn set");
      }
    } catch (IOException e) {
      warn("collector config", "cannot read " + config + ": " + e.getMessage(), "check the file");
    }
  }

  // ------------------------------------------------------------------------------------------------ Rollbar, X-Ray

  private void checkRollbar() {
    String arn = settings.get("ROLLBAR_TOKEN_SECRET_ARN");
    String token = settings.get("ROLLBAR_ACCESS_TOKEN");
    if (arn != null && !arn.isBlank()) {
      if (SECRET_ARN.matcher(arn.strip()).matches()) {
        ok("Rollbar token", "read at cold start from the secret in ROLLBAR_TOKEN_SECRET_ARN (" + arn.strip() + ")");
      } else {
        fail("Rollbar token", "ROLLBAR_TOKEN_SECRET_ARN is not a Secrets Manager secret ARN",
            "deploy with RollbarTokenSecretArn=arn:aws:secretsmanager:<region>:<account>:secret:<name>");
      }
      return;
    }
    if (token == null || token.isBlank()) {
      fail("Rollbar token", "not set: errors are not reported to Rollbar",
          settings.containsKey("AWS_LAMBDA_FUNCTION_NAME") || settings.containsKey("AWS_LAMBDA_EXEC_WRAPPER")
              || settings.containsKey("ROLLBAR_TOKEN_SECRET_ARN")
              ? "deploy with RollbarTokenSecretArn=<ARN of a secret holding the post_server_item token>"
              : "export ROLLBAR_ACCESS_TOKEN=<your project's post_server_item token>");
      return;
    }
    Matcher placeholder = UNINTERPOLATED.matcher(token);
    if (placeholder.find()) {
      fail("Rollbar token", "ROLLBAR_ACCESS_TOKEN is the literal text " + placeholder.group(),
          "put the token's value there");
    } else if (!ROLLBAR_TOKEN.matcher(token).matches()) {
      fail("Rollbar token", "ROLLBAR_ACCESS_TOKEN does not look like a Rollbar token (" + describe(token)
          + "); tokens are 32 hex characters", "copy the post_server_item token from Rollbar (Project > Access"
          + " Tokens)");
    } else {
      ok("Rollbar token", "ROLLBAR_ACCESS_TOKEN, " + describe(token));
    }
  }

  private void checkDaemonAddress() {
    String address = settings.get("AWS_XRAY_DAEMON_ADDRESS");
    if (address == null) {
      ok("X-Ray daemon", "AWS_XRAY_DAEMON_ADDRESS not set: the SDK sends to 127.0.0.1:2000 (Lambda sets it itself)");
      return;
    }
    String problem = XRayAddress.problem(address);
    if (problem == null) {
      ok("X-Ray daemon", "AWS_XRAY_DAEMON_ADDRESS=" + address.strip());
    } else {
      fail("X-Ray daemon", "AWS_XRAY_DAEMON_ADDRESS=" + address + ": " + problem,
          "use host:port (e.g. 127.0.0.1:2000) or \"tcp:host:port udp:host:port\"");
    }
  }

  // ------------------------------------------------------------------------------------------------ output

  /** A value described without showing it: its length and the start of its SHA-256. */
  static String describe(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return secret.length() + " chars, sha256 " + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void ok(String check, String detail) {
    findings.add(new Finding(Status.OK, check, detail, null));
  }

  private void warn(String check, String detail, String fix) {
    findings.add(new Finding(Status.WARN, check, detail, fix));
  }

  private void fail(String check, String detail, String fix) {
    findings.add(new Finding(Status.FAIL, check, detail, fix));
  }

  static void print(List<Finding> findings, String origin, PrintStream out) {
    out.println("cruddur doctor: telemetry settings from " + origin);
    for (Finding finding : findings) {
      out.printf("  %-4s %-18s %s%n", finding.status() == Status.OK ? "ok" : finding.status().name(),
          finding.check(), finding.detail());
      if (finding.fix() != null) {
        out.printf("       %-18s fix: %s%n", "", finding.fix());
      }
    }
    long failed = findings.stream().filter(f -> f.status() == Status.FAIL).count();
    out.println(failed == 0 ? "no problems found" : failed + " problem(s): fix them before deploying");
  }
}
