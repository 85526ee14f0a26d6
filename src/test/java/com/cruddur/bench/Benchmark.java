package com.cruddur.bench;

import com.cruddur.app.ServedRoutes;
import com.cruddur.bench.plain.PlainBootHandler;
import com.cruddur.edge.lambda.SyntheticContext;
import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.SamTemplate;
import com.cruddur.local.tools.load.Options;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.support.EventManifest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bin/bench}: cold and warm figures of the functions, each in fresh JVMs on the Lambda
 * artifact (classes + lib/, what sam build packages), with the template's environment and JVM
 * flags, against a seeded DynamoDB Local, interleaved round by round with a bare {@code
 * RequestStreamHandler} and a plain Spring Boot 3 function so that ratios hold on a noisy machine.
 * Writes a Markdown table to target/benchmark.md (and stdout).
 */
public final class Benchmark {

  /**
   * Lambda's java21 runtime flags for a 1,536 MB function (heap 85 %), without the template's own.
   */
  static final List<String> LAMBDA_JVM_FLAGS =
      List.of("-XX:+UseSerialGC", "-Xmx1305m", "-Xshare:auto");

  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> EXTRA_ENVIRONMENT = new LinkedHashMap<>();

  /** What a target's JVM runs on. */
  enum Classpath {
    /** The Lambda artifact (classes + lib/), and target/test-classes for the benchmark's own. */
    ARTIFACT,
    /**
     * The artifact's lib/ without its classes (nor their application.properties),
     * target/test-classes for the plain function's own classes and {@link BenchChild}, and the
     * harness's {@link SyntheticContext} alone ({@link #contextClasses}).
     */
    PLAIN
  }

  record Target(
      String name, String functionId, String handler, String event, Classpath classpath) {}

  /** The first baseline: the least a Java API Gateway function does. */
  static final Target BARE =
      new Target(
          "bare RequestStreamHandler (baseline)",
          "HomeActivitiesFunction",
          BareHandler.class.getName(),
          "events/home.json",
          Classpath.ARTIFACT);

  /**
   * The second baseline: the comparison users make, a plain Spring Boot 3 +
   * serverless-java-container function answering our health check's JSON (com.cruddur.bench.plain).
   * The health check's environment, so its JAVA_TOOL_OPTIONS too.
   */
  static final Target PLAIN_BOOT =
      new Target(
          "plain Spring Boot 3 function GET /api/health-check (baseline 2)",
          "HealthCheckFunction",
          PlainBootHandler.class.getName(),
          "events/health-check.json",
          Classpath.PLAIN);

  private Benchmark() {}

  public static void main(String[] arguments) throws Exception {
    Map<String, String> options = Options.parse(arguments);
    if (options.containsKey("profile")) {
      Profile.run(options);
      return;
    }
    Path artifact = Path.of(options.getOrDefault("artifact", "target/lambda-artifact"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
    int warm = Integer.parseInt(options.getOrDefault("warm", "2000"));
    // Variants without a rebuild, e.g. --env SPRING_MAIN_LAZYINITIALIZATION=true
    if (options.containsKey("env")) {
      String[] pair = options.get("env").split("=", 2);
      EXTRA_ENVIRONMENT.put(pair[0], pair[1]);
    }
    if (!Files.isDirectory(artifact.resolve("lib"))) {
      throw new IllegalStateException(
          artifact + " is not a Lambda artifact (classes + lib/); bin/bench builds it");
    }
    Path contextClasses = contextClasses(artifact);
    List<Target> targets = targets();

    SamTemplate template = SamTemplate.load(Path.of("template.yaml"));
    try (LocalEnvironment dynamo =
        LocalEnvironment.start(Path.of("template.yaml"), 0, "cruddur-bench")) {
      LambdaHarness harness = seededHarness(template, dynamo);
      Map<Target, List<JsonNode>> results = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        for (Target target : targets) {
          JsonNode figures = run(artifact, contextClasses, harness, template, target, warm);
          results.computeIfAbsent(target, t -> new ArrayList<>()).add(figures);
          System.err.printf(
              "round %d/%d %s: launch->first response %.0f ms, warm median %.0f us%n",
              round,
              rounds,
              target.name(),
              figures.get("launchToFirstResponseMs").asDouble(),
              figures.get("warmMedianUs").asDouble());
        }
      }
      String report = report(results, artifact, rounds, warm, template);
      System.out.println(report);
      Files.writeString(Path.of("target", "benchmark.md"), report, StandardCharsets.UTF_8);
    }
  }

  /** Seeds the table and gives the functions' environments against it. */
  static LambdaHarness seededHarness(SamTemplate template, LocalEnvironment dynamo)
      throws IOException {
    dynamo.seed();
    return new LambdaHarness(
        template,
        LambdaHarness.localNames(dynamo.tableName()),
        Map.of(CruddurConfig.DYNAMODB_ENDPOINT, dynamo.endpoint().toString()));
  }

  /**
   * Both baselines and every API function, in the order they run in each round: each function with
   * the first event events/manifest.json expects a 200 from (the Cognito trigger is not an API
   * Gateway function, and its handler is no stream handler: it has no cold start to compare here).
   */
  static List<Target> targets() throws IOException {
    SamTemplate template = SamTemplate.load(Path.of("template.yaml"));
    Map<String, String> firstGoodEvent = new LinkedHashMap<>();
    for (EventManifest.Entry entry : EventManifest.entries()) {
      if (entry.status() == 200) {
        firstGoodEvent.putIfAbsent(entry.function(), "events/" + entry.event());
      }
    }
    List<Target> targets = new ArrayList<>(List.of(BARE, PLAIN_BOOT));
    firstGoodEvent.forEach(
        (function, event) ->
            targets.add(
                new Target(
                    function
                        + " "
                        + template.function(function).environment().get(ServedRoutes.VARIABLE),
                    function,
                    null,
                    event,
                    Classpath.ARTIFACT)));
    return targets;
  }

  static JsonNode run(
      Path artifact,
      Path contextClasses,
      LambdaHarness harness,
      SamTemplate template,
      Target target,
      int warm)
      throws IOException, InterruptedException {
    return run(artifact, contextClasses, harness, template, target, warm, List.of(), List.of())
        .get(0);
  }

  /**
   * Runs one target in a fresh JVM with {@code jvmFlags} on top of Lambda's and {@code
   * extraClasspath} after its own; returns the lines it printed as JSON (its figures first).
   */
  static List<JsonNode> run(
      Path artifact,
      Path contextClasses,
      LambdaHarness harness,
      SamTemplate template,
      Target target,
      int warm,
      List<String> jvmFlags,
      List<String> extraClasspath)
      throws IOException, InterruptedException {
    String handler =
        target.handler() != null
            ? target.handler()
            : template.function(target.functionId()).handler().split("::")[0];
    String testClasses = Path.of("target", "test-classes").toString();
    String lib = artifact.resolve("lib") + "/*";
    String classpath =
        target.classpath() == Classpath.ARTIFACT
            ? String.join(File.pathSeparator, artifact.toString(), lib, testClasses)
            : String.join(File.pathSeparator, lib, testClasses, contextClasses.toString());
    for (String entry : extraClasspath) {
      classpath = classpath + File.pathSeparator + entry;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(LAMBDA_JVM_FLAGS);
    command.addAll(jvmFlags);
    command.addAll(
        List.of(
            "-cp",
            classpath,
            BenchChild.class.getName(),
            handler,
            target.event(),
            Integer.toString(warm)));
    Map<String, String> environment = new LinkedHashMap<>(harness.environment(target.functionId()));
    environment.putAll(
        Map.of(
            "AWS_LAMBDA_FUNCTION_NAME",
            "cruddur-bench",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "1536",
            "AWS_REGION",
            "us-east-1",
            "AWS_LAMBDA_INITIALIZATION_TYPE",
            "on-demand",
            // DynamoDB Local takes any key; these are not credentials.
            "AWS_ACCESS_KEY_ID",
            "fakeBenchKeyId",
            "AWS_SECRET_ACCESS_KEY",
            "fakeBenchSecret"));
    if (target.handler() == null) {
      environment.putAll(EXTRA_ENVIRONMENT);
    }
    long launched = System.currentTimeMillis();
    command.add(Long.toString(launched));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(target.name() + " failed: " + out);
    }
    String line =
        out.lines()
            .filter(l -> l.startsWith("{\"handler\""))
            .reduce((a, b) -> b)
            .orElseThrow(
                () -> new IllegalStateException(target.name() + " printed no figures: " + out));
    JsonNode figures = JSON.readTree(line);
    if (figures.get("firstStatus").asInt() != 200 || figures.get("lastStatus").asInt() != 200) {
      throw new IllegalStateException(target.name() + " did not answer 200: " + line);
    }
    List<JsonNode> lines = new ArrayList<>(List.of(figures));
    for (String profile : out.lines().filter(l -> l.startsWith("{\"profile\"")).toList()) {
      lines.add(JSON.readTree(profile).get("profile"));
    }
    return lines;
  }

  /**
   * A directory with only the artifact's {@link SyntheticContext} (the Context {@link BenchChild}
   * hands every handler), for the plain function, whose classpath must not hold the artifact's
   * classes: their application.properties would configure it too.
   */
  static Path contextClasses(Path artifact) throws IOException {
    Path directory = Path.of("target", "bench-context-classes");
    String file = SyntheticContext.class.getName().replace('.', '/') + ".class";
    Path copy = directory.resolve(file);
    Files.createDirectories(copy.getParent());
    Files.copy(artifact.resolve(file), copy, StandardCopyOption.REPLACE_EXISTING);
    return directory;
  }

  static String report(
      Map<Target, List<JsonNode>> results,
      Path artifact,
      int rounds,
      int warm,
      SamTemplate template)
      throws IOException {
    String flags =
        String.join(" ", LAMBDA_JVM_FLAGS)
            + " "
            + template.resolve(
                template.function("HomeActivitiesFunction").environment().get("JAVA_TOOL_OPTIONS"),
                Map.of());
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Machine: %d cores, %s %s, Java %s. JVM flags: %s. %d rounds, fresh JVM"
                + " per run, targets interleaved; medians over rounds; warm = %d invocations after the first.%n%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"),
            System.getProperty("os.arch"),
            System.getProperty("java.version"),
            flags,
            rounds,
            warm));
    out.append(
        String.format(
            Locale.ROOT,
            "Artifact %s: %,d bytes unzipped, %d jars.%s%n%n",
            artifact,
            size(artifact),
            countJars(artifact),
            EXTRA_ENVIRONMENT.isEmpty() ? "" : " Variant: " + EXTRA_ENVIRONMENT));
    Path plainClasses =
        Path.of("target", "test-classes", PLAIN_BOOT.handler().replace('.', '/')).getParent();
    out.append(
        String.format(
            Locale.ROOT,
            "Plain Spring Boot 3 function's classpath: the artifact's lib/ (%,d bytes, %d jars),"
                + " its own classes from %s (%,d bytes) and the harness's Context; not the"
                + " artifact's classes or application.properties.%n%n",
            size(artifact.resolve("lib")),
            countJars(artifact),
            plainClasses,
            size(plainClasses)));
    out.append(
        "| target | launch → handler ready ms | first invocation ms | launch → first response ms | ×"
            + " bare | × plain Boot 3 | warm median µs | warm p99 µs | RSS MB | classes |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double bare = median(results.get(BARE), "launchToFirstResponseMs");
    double plain = median(results.get(PLAIN_BOOT), "launchToFirstResponseMs");
    for (Map.Entry<Target, List<JsonNode>> entry : results.entrySet()) {
      double first = median(entry.getValue(), "launchToFirstResponseMs");
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.1f | %.0f | %.2f | %.2f | %.0f | %.0f | %.0f | %.0f |%n",
              entry.getKey().name(),
              median(entry.getValue(), "launchToReadyMs"),
              median(entry.getValue(), "firstInvokeMs"),
              first,
              first / bare,
              first / plain,
              median(entry.getValue(), "warmMedianUs"),
              median(entry.getValue(), "warmP99Us"),
              median(entry.getValue(), "rssMb"),
              median(entry.getValue(), "loadedClasses")));
    }
    return out.toString();
  }

  static double median(List<JsonNode> runs, String field) {
    double[] values = runs.stream().mapToDouble(r -> r.get(field).asDouble()).sorted().toArray();
    return values.length % 2 == 1
        ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  static long size(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  static long countJars(Path artifact) throws IOException {
    try (Stream<Path> jars = Files.list(artifact.resolve("lib"))) {
      return jars.filter(j -> j.toString().endsWith(".jar")).count();
    }
  }
}
