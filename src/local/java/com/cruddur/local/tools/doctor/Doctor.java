package com.cruddur.local.tools.doctor;

import static com.cruddur.local.tools.doctor.HoneycombEndpointCheck.HONEYCOMB_REGIONS;

import com.cruddur.local.tools.doctor.Finding.Status;
import com.cruddur.local.tools.doctor.HoneycombKeyCheck.HoneycombKey;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/doctor}: says, before anyone deploys, whether the telemetry settings will work, and
 * what to change if not. It reads the settings of this shell (local server), or a deployed
 * function's environment ({@code --env-file}, e.g. from {@code aws lambda
 * get-function-configuration}), and checks the Honeycomb key and endpoint, the OTEL_* header
 * variables, the Rollbar token and the X-Ray daemon address. Values are never printed: only where
 * they came from and a fingerprint. With {@code --online} it asks Honeycomb's auth endpoint about
 * the key. Exit status: 0 when nothing failed, 1 otherwise, 2 for bad usage.
 */
public final class Doctor {

  /** Where the settings came from, for the report ("this shell", "env.json"). */
  private final String origin;

  private final Map<String, String> settings;
  private final Map<String, URI> regions;
  private final HttpClient http;

  Doctor(String origin, Map<String, String> settings, Map<String, URI> regions) {
    this.origin = origin;
    this.settings = Map.copyOf(settings);
    this.regions = Map.copyOf(regions);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static void main(String[] arguments) throws IOException {
    System.exit(run(arguments, System.getenv(), System.out, System.err));
  }

  /** The command: returns its exit status (0 nothing failed, 1 something to fix, 2 bad usage). */
  public static int run(
      String[] arguments, Map<String, String> environment, PrintStream out, PrintStream err)
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
          // "-": standard input, so a deployed function's settings (which hold the key) need no
          // file on disk.
          settings =
              EnvFile.parse(
                  file.equals("-")
                      ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
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
    Report.print(report, origin, out);
    return report.stream().anyMatch(f -> f.status() == Status.FAIL) ? 1 : 0;
  }

  static final String USAGE =
      """
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
   * Runs every check, in the order the report lists them; with {@code online}, also asks Honeycomb.
   */
  List<Finding> examine(boolean online) {
    Report report = new Report();
    NameChecks names = new NameChecks(settings, report);
    names.spelling();
    names.protocol();
    HoneycombKey key = new HoneycombKeyCheck(settings, report).key();
    URI api = new HoneycombEndpointCheck(settings, regions, report).api();
    if (online && key != null && key.usable()) {
      new HoneycombOnline(http, regions, report).ask(key, api);
    }
    LayerChecks layer = new LayerChecks(settings, origin, report);
    layer.flavour();
    layer.collectorReferences();
    new RollbarCheck(settings, report).check();
    XRayAddress.check(settings, report);
    return report.findings();
  }
}
