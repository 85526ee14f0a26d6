package com.cruddur.local.tools.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.tools.doctor.Finding.Status;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/doctor against each misconfiguration the Flask version hit, and against loopback stand-ins
 * for Honeycomb's auth endpoint in both regions (a key known in one region is unknown in the other,
 * as in Honeycomb).
 */
class DoctorTest {

  /** Obviously fake keys, shaped like real ones. */
  static final String US_KEY = "hcaik_01" + "fake".repeat(14);

  static final String EU_KEY = "hcbik_02" + "fake".repeat(14);
  static final String UNKNOWN_KEY = "hccik_03" + "fake".repeat(14);
  static final String ROLLBAR = "0123456789abcdef0123456789abcdef";

  static HttpServer us;
  static HttpServer eu;

  @BeforeAll
  static void honeycomb() throws Exception {
    us = authStandIn(US_KEY, "Cruddur", "dev");
    eu = authStandIn(EU_KEY, "Cruddur EU", "prod");
  }

  @AfterAll
  static void stop() {
    us.stop(0);
    eu.stop(0);
  }

  /** GET /1/auth as Honeycomb answers it: the team and environment for a known key, else 401. */
  static HttpServer authStandIn(String knownKey, String team, String environment) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/1/auth",
        exchange -> {
          try (exchange) {
            boolean known =
                knownKey.equals(exchange.getRequestHeaders().getFirst("X-Honeycomb-Team"));
            byte[] body =
                (known
                        ? "{\"api_key_access\":{\"events\":true,\"markers\":false},\"environment\":{\"name\":\""
                            + environment
                            + "\",\"slug\":\""
                            + environment
                            + "\"},\"team\":{\"name\":\""
                            + team
                            + "\",\"slug\":\"cruddur\"}}"
                        : "{\"error\":\"unknown API key - check your credentials, region, and API URL\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
    return server;
  }

  static Map<String, URI> standIns() {
    return Map.of(
        "US",
        URI.create("http://127.0.0.1:" + us.getAddress().getPort()),
        "EU",
        URI.create("http://127.0.0.1:" + eu.getAddress().getPort()));
  }

  static Map<String, String> local(String headers, String endpoint) {
    Map<String, String> settings = new HashMap<>();
    settings.put("OTEL_EXPORTER_OTLP_HEADERS", headers);
    settings.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
    settings.put("ROLLBAR_ACCESS_TOKEN", ROLLBAR);
    return settings;
  }

  /**
   * A good local setup with some variables changed: name, value pairs; a null value removes the
   * variable.
   */
  static Map<String, String> goodWith(String... namesAndValues) {
    Map<String, String> settings = local("x-honeycomb-team=" + US_KEY, "https://api.honeycomb.io");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        settings.remove(namesAndValues[i]);
      } else {
        settings.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return settings;
  }

  static List<Finding> examine(Map<String, String> settings, boolean online) {
    return new Doctor("test", settings, standIns()).examine(online);
  }

  static List<Finding> failures(List<Finding> findings) {
    return findings.stream().filter(f -> f.status() == Status.FAIL).toList();
  }

  static String printed(List<Finding> findings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Report.print(findings, "test", new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aGoodLocalSetupPassesAndOnlineNamesTheTeamAndEnvironment() {
    List<Finding> findings =
        examine(local("x-honeycomb-team=" + US_KEY, "https://api.honeycomb.io"), true);
    assertThat(failures(findings)).isEmpty();
    assertThat(findings)
        .anySatisfy(
            f -> {
              assertThat(f.check()).isEqualTo("Honeycomb online");
              assertThat(f.detail()).contains("team Cruddur").contains("environment dev");
            });
    assertThat(printed(findings))
        .doesNotContain(US_KEY)
        .doesNotContain(ROLLBAR)
        .contains("sha256")
        .contains("OTEL_EXPORTER_OTLP_HEADERS");
  }

  @Test
  void aKeyHoneycombDoesNotKnowIsReportedAs401InEveryRegion() {
    List<Finding> findings =
        examine(local("x-honeycomb-team=" + UNKNOWN_KEY, "https://api.honeycomb.io"), true);
    assertThat(failures(findings))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.detail()).contains("401 unknown API key in every region");
              assertThat(f.fix()).contains("create a new ingest key");
            });
    assertThat(printed(findings)).doesNotContain(UNKNOWN_KEY);
  }

  @Test
  void aKeyFromTheOtherRegionSaysWhichRegionItBelongsTo() {
    List<Finding> findings =
        examine(local("x-honeycomb-team=" + EU_KEY, "https://api.honeycomb.io"), true);
    assertThat(failures(findings))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.detail()).contains("belongs to Honeycomb EU").contains("endpoint is US");
              assertThat(f.fix())
                  .contains("HoneycombRegion=EU")
                  .contains("https://api.eu1.honeycomb.io");
            });
    // The same key with the EU endpoint is fine.
    assertThat(
            failures(
                examine(local("x-honeycomb-team=" + EU_KEY, "https://api.eu1.honeycomb.io"), true)))
        .isEmpty();
  }

  @Test
  void anUnreachableHoneycombIsNoNetworkNotABadKey() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    List<Finding> findings =
        new Doctor(
                "test",
                local("x-honeycomb-team=" + US_KEY, "https://api.honeycomb.io"),
                Map.of(
                    "US",
                    URI.create("http://127.0.0.1:" + closed),
                    "EU",
                    URI.create("http://127.0.0.1:" + closed)))
            .examine(true);
    assertThat(failures(findings))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.detail()).contains("could not reach").contains("connection refused");
              assertThat(f.fix()).contains("network");
            });
  }

  @Test
  void eachMisconfigurationFailsWithAFix() {
    Map<Map<String, String>, String> expected = new LinkedHashMap<>();
    expected.put(
        local("x-honeycomb-team=${HONEYCOMB_API_KEY}", "https://api.honeycomb.io"),
        "literal text ${HONEYCOMB_API_KEY}");
    expected.put(
        local("x-honeycomb-team=$HONEYCOMB_API_KEY", "https://api.honeycomb.io"),
        "literal text $HONEYCOMB_API_KEY");
    expected.put(
        local("x-honeycomb-team=not-a-key", "https://api.honeycomb.io"),
        "does not look like a Honeycomb key");
    expected.put(
        local("x-honeycomb-team=hcamk_01ABCDEF", "https://api.honeycomb.io"), "management key");
    expected.put(
        local("x-honeycomb-team: " + US_KEY, "https://api.honeycomb.io"), "not name: value");
    expected.put(
        local("x-honeycomb-dataset=cruddur", "https://api.honeycomb.io"),
        "no x-honeycomb-team header");
    expected.put(
        goodWith(
            "OTEL_EXPORTER_OTLP_HEADERS",
            null,
            "OTEL_EXPORTER_OTLP_HEADER",
            "x-honeycomb-team=" + US_KEY),
        "the name read is OTEL_EXPORTER_OTLP_HEADERS");
    expected.put(
        local("x-honeycomb-team=" + US_KEY, "https://api.honeycomb.io/v1/traces"),
        "ends in /v1/traces");
    expected.put(
        local("x-honeycomb-team=" + US_KEY, "https://api.eu.honeycomb.io"),
        "not a Honeycomb API host");
    expected.put(goodWith("ROLLBAR_ACCESS_TOKEN", null), "errors are not reported to Rollbar");
    expected.put(
        goodWith("ROLLBAR_ACCESS_TOKEN", "${ROLLBAR_ACCESS_TOKEN}"),
        "literal text ${ROLLBAR_ACCESS_TOKEN}");
    expected.put(
        goodWith("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1"), "AWS_XRAY_DAEMON_ADDRESS=127.0.0.1");
    expected.put(
        goodWith("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:99999"),
        "AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:99999");
    expected.put(
        goodWith("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), "the local server exports over HTTP only");
    expected.forEach(
        (settings, problem) -> {
          List<Finding> findings = examine(settings, false);
          assertThat(failures(findings))
              .as(problem)
              .anySatisfy(
                  f -> {
                    assertThat(f.detail()).contains(problem);
                    assertThat(f.fix()).isNotBlank();
                  });
          // No value of a key or token shows in the whole report, whatever its shape.
          String report = printed(findings);
          for (String name :
              List.of(
                  "OTEL_EXPORTER_OTLP_HEADERS",
                  "OTEL_EXPORTER_OTLP_HEADER",
                  "ROLLBAR_ACCESS_TOKEN")) {
            String value = settings.get(name);
            if (value != null && name.startsWith("OTEL") && !value.contains("x-honeycomb-team")) {
              continue; // not a key (e.g. a dataset name)
            }
            if (value != null && value.contains("=")) {
              value = value.substring(value.indexOf('=') + 1).strip();
            }
            if (value != null && value.length() > 4 && !value.startsWith("$")) {
              assertThat(report).as(problem + ": " + name).doesNotContain(value);
            }
          }
        });
  }

  @Test
  void aDeployedFunctionsEnvironmentIsCheckedFromItsConfigurationJson(@TempDir Path dir)
      throws Exception {
    // What `aws lambda get-function-configuration --query Environment.Variables` prints for a
    // deployed function.
    Path good = dir.resolve("good.json");
    Files.writeString(
        good,
        "{\"AWS_LAMBDA_EXEC_WRAPPER\":\"/opt/otel-stream-handler\","
            + "\"HONEYCOMB_ENDPOINT\":\"https://api.honeycomb.io\",\"HONEYCOMB_API_KEY\":\""
            + US_KEY
            + "\","
            + "\"OPENTELEMETRY_COLLECTOR_CONFIG_URI\":\"/var/task/collector.yaml\",\"ROLLBAR_TOKEN_SECRET_ARN\":"
            + "\"arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/rollbar-AbCdEf\"}");
    Path noKey = dir.resolve("no-key.json");
    Files.writeString(
        noKey,
        "{\"Variables\":{\"AWS_LAMBDA_EXEC_WRAPPER\":\"/opt/otel-stream-handler\","
            + "\"HONEYCOMB_ENDPOINT\":\"https://api.honeycomb.io\",\"ROLLBAR_TOKEN_SECRET_ARN\":\"\"}}");
    Path dotenv = dir.resolve(".env");
    Files.writeString(
        dotenv,
        "# local\nexport OTEL_EXPORTER_OTLP_ENDPOINT=https://api.honeycomb.io\n"
            + "OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team="
            + US_KEY
            + "\nROLLBAR_ACCESS_TOKEN="
            + ROLLBAR
            + "\n");

    assertThat(run("--env-file", good.toString(), "--online"))
        .satisfies(
            r -> {
              assertThat(r.status()).as(r.output()).isZero();
              assertThat(r.output())
                  .contains("from HONEYCOMB_API_KEY")
                  .contains("every ${env:")
                  .contains("team Cruddur")
                  .doesNotContain(US_KEY);
            });
    assertThat(run("--env-file", noKey.toString()))
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(1);
              assertThat(r.output())
                  .contains("HoneycombApiKeySecretArn")
                  .contains("[HONEYCOMB_API_KEY]")
                  .contains("RollbarTokenSecretArn");
            });
    assertThat(run("--env-file", dotenv.toString()).status()).isZero();
    Path quoted = dir.resolve("quoted.env");
    Files.writeString(
        quoted,
        "OTEL_EXPORTER_OTLP_HEADERS=\"x-honeycomb-team="
            + US_KEY
            + "\"\nROLLBAR_ACCESS_TOKEN='"
            + ROLLBAR
            + "'\n");
    assertThat(run("--env-file", quoted.toString()).status())
        .as("quotes around a .env value are the file's")
        .isZero();
    assertThat(run("--no-such-flag").status()).isEqualTo(2);
  }

  @Test
  void theCommunityFlavourNeedsTheSecretArnXrayLambdaAndNoKeyInTheEnvironment(@TempDir Path dir)
      throws Exception {
    String base =
        "\"AWS_LAMBDA_EXEC_WRAPPER\":\"/opt/otel-stream-handler\","
            + "\"HONEYCOMB_ENDPOINT\":\"https://api.honeycomb.io\","
            + "\"OPENTELEMETRY_COLLECTOR_CONFIG_URI\":\"/var/task/collector-community.yaml\","
            + "\"ROLLBAR_TOKEN_SECRET_ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/rollbar-AbCdEf\"";
    String arn =
        "\"HONEYCOMB_API_KEY_SECRET_ARN\":"
            + "\"arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/honeycomb-AbCdEf\"";
    Map<String, String> cases =
        Map.of(
            "good",
                "{"
                    + base
                    + ","
                    + arn
                    + ",\"OTEL_PROPAGATORS\":\"tracecontext,baggage,xray-lambda\"}",
            "key in env",
                "{"
                    + base
                    + ","
                    + arn
                    + ",\"OTEL_PROPAGATORS\":\"tracecontext,baggage,xray-lambda\","
                    + "\"HONEYCOMB_API_KEY\":\""
                    + US_KEY
                    + "\"}",
            "plain xray",
                "{" + base + "," + arn + ",\"OTEL_PROPAGATORS\":\"tracecontext,baggage,xray\"}",
            "no arn", "{" + base + ",\"OTEL_PROPAGATORS\":\"tracecontext,baggage,xray-lambda\"}",
            "unknown config",
                "{" + base.replace("collector-community.yaml", "other.yaml") + "," + arn + "}");
    Map<String, String> expected =
        Map.of(
            "key in env",
            "must not hold it",
            "plain xray",
            "lacks xray-lambda",
            "no arn",
            "HONEYCOMB_API_KEY_SECRET_ARN is not",
            "unknown config",
            "not a config the artifact ships");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path file = dir.resolve(c.getKey().replace(' ', '-') + ".json");
      Files.writeString(file, c.getValue());
      Run run = run("--env-file", file.toString());
      if (c.getKey().equals("good")) {
        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output())
            .contains("from Secrets Manager")
            .contains("has xray-lambda")
            .contains("every ${env:");
      } else {
        assertThat(run.status()).as(c.getKey() + ": " + run.output()).isEqualTo(1);
        assertThat(run.output())
            .as(c.getKey())
            .contains(expected.get(c.getKey()))
            .doesNotContain(US_KEY);
      }
    }
  }

  record Run(int status, String output) {}

  static Run run(String... arguments) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of(arguments));
    args.addAll(
        List.of(
            "--honeycomb-us",
            standIns().get("US").toString(),
            "--honeycomb-eu",
            standIns().get("EU").toString()));
    int status =
        Doctor.run(
            args.toArray(String[]::new),
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8));
  }
}
