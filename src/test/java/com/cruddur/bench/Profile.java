package com.cruddur.bench;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.SamTemplate;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/profile}: where a cold start goes, for the plain baseline and each function named: the
 * classes loaded per package and per jar (from {@code -Xlog:class+load}, split at the moment the
 * handler was ready), Spring's startup steps ({@link StartupProfile}) and each decorator's own
 * share of the first and the warm invocations ({@code InvocationProfile}). One fresh JVM per
 * target, the benchmark's flags and environment. Writes target/profile.md. Profiling adds its own
 * cost (the log, the buffered steps): the split is what to read, the absolute times are inflated.
 */
final class Profile {

  private static final Pattern LOADED =
      Pattern.compile("^\\[(\\d+\\.\\d+)s\\]\\s+(\\S+) source: (.*)$");

  private Profile() {}

  static void run(Map<String, String> options) throws IOException, InterruptedException {
    Path artifact = Path.of(options.getOrDefault("artifact", "target/lambda-artifact"));
    int warm = Integer.parseInt(options.getOrDefault("warm", "300"));
    List<String> wanted = List.of(options.get("profile").split(","));
    List<Benchmark.Target> targets =
        Benchmark.targets().stream()
            .filter(t -> t != Benchmark.BARE)
            .filter(
                t ->
                    wanted.contains("all")
                        || (t == Benchmark.PLAIN_BOOT
                            ? wanted.contains("plain")
                            : wanted.contains(t.functionId())))
            .toList();
    Path logs = Path.of("target", "profile");
    Files.createDirectories(logs);
    Path contextClasses = Benchmark.contextClasses(artifact);
    // Boot 3.5 has no property naming extra context initializers: a spring.factories of the
    // profile's own, on the profiled JVMs' classpath only.
    Path initializer = logs.resolve("initializer");
    Path factories = initializer.resolve("META-INF/spring.factories");
    Files.createDirectories(factories.getParent());
    Files.writeString(
        factories,
        "org.springframework.context.ApplicationContextInitializer="
            + StartupProfile.class.getName()
            + "\n",
        StandardCharsets.UTF_8);
    SamTemplate template = SamTemplate.load(Path.of("template.yaml"));
    StringBuilder report = new StringBuilder();
    Set<String> jarsLoaded = new TreeSet<>();
    try (LocalEnvironment dynamo =
        LocalEnvironment.start(Path.of("template.yaml"), 0, "cruddur-profile")) {
      LambdaHarness harness = Benchmark.seededHarness(template, dynamo);
      for (Benchmark.Target target : targets) {
        Path log = logs.resolve(target.functionId() + "-" + target.classpath() + ".classes.log");
        List<String> flags =
            List.of(
                "-Xlog:class+load=info:file=" + log + ":uptime:filecount=0",
                "-D" + BenchChild.PROFILE + "=true",
                "-Dcruddur.profile.invocations=true");
        List<JsonNode> lines =
            Benchmark.run(
                artifact,
                contextClasses,
                harness,
                template,
                target,
                warm,
                flags,
                List.of(initializer.toString()));
        System.err.printf("profiled %s%n", target.name());
        report.append(section(target, lines.get(0), lines.get(1), log, jarsLoaded));
      }
    }
    List<String> unused = new ArrayList<>();
    try (Stream<Path> jars = Files.list(artifact.resolve("lib"))) {
      jars.map(j -> j.getFileName().toString())
          .filter(j -> j.endsWith(".jar") && !jarsLoaded.contains(j))
          .sorted()
          .forEach(unused::add);
    }
    report.append(
        String.format(
            Locale.ROOT,
            "### Jars of lib/ none of the profiled targets loaded a class from (%d of %d)%n%n%s%n",
            unused.size(),
            Benchmark.countJars(artifact),
            String.join(", ", unused)));
    System.out.println(report);
    Files.writeString(Path.of("target", "profile.md"), report, StandardCharsets.UTF_8);
  }

  private static String section(
      Benchmark.Target target, JsonNode figures, JsonNode profile, Path log, Set<String> jarsLoaded)
      throws IOException {
    double ready = profile.get("readyUptimeMs").asDouble() / 1000;
    Map<String, int[]> packages = new TreeMap<>();
    Map<String, int[]> sources = new TreeMap<>();
    int[] total = new int[2];
    for (String line : Files.readAllLines(log)) {
      Matcher m = LOADED.matcher(line);
      if (!m.matches()) {
        continue;
      }
      int phase = Double.parseDouble(m.group(1)) <= ready ? 0 : 1;
      total[phase]++;
      packages.computeIfAbsent(group(m.group(2)), p -> new int[2])[phase]++;
      String source = source(m.group(3));
      sources.computeIfAbsent(source, s -> new int[2])[phase]++;
      if (source.endsWith(".jar")) {
        jarsLoaded.add(source);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "### %s%n%nlaunch → handler ready %d ms, first invocation %.1f ms (profiling on);"
                + " classes loaded: %,d in init, %,d in the first invocation; %d jars used.%n%n",
            target.name(),
            figures.get("launchToReadyMs").asLong(),
            figures.get("firstInvokeMs").asDouble(),
            total[0],
            total[1],
            sources.keySet().stream().filter(s -> s.endsWith(".jar")).count()));
    out.append(table("package", packages, 15)).append('\n');
    out.append(table("loaded from", sources, 15)).append('\n');
    JsonNode startup = profile.get("startup");
    if (startup != null && !startup.isNull()) {
      out.append(
          String.format(
              Locale.ROOT,
              "Spring context refresh %.0f ms. Own time by step (duration minus nested steps):%n%n"
                  + "| step | own ms | count |%n|---|---:|---:|%n",
              startup.get("refreshMs").asDouble()));
      int shown = 0;
      for (JsonNode step : startup.get("byName")) {
        if (shown++ == 8) {
          break;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %.1f | %d |%n",
                step.get("name").asText(),
                step.get("ownMs").asDouble(),
                step.get("count").asInt()));
      }
      out.append("\nTop steps by own time:\n\n| step | tags | own ms | with nested ms |\n")
          .append("|---|---|---:|---:|\n");
      shown = 0;
      for (JsonNode step : startup.get("top")) {
        if (shown++ == 12) {
          break;
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.1f | %.1f |%n",
                step.get("name").asText(),
                shorten(step.get("tags").asText()),
                step.get("ownMs").asDouble(),
                step.get("ms").asDouble()));
      }
      out.append('\n');
    }
    JsonNode invocations = profile.get("invocations");
    if (invocations != null && invocations.isArray() && invocations.size() > 0) {
      out.append(
          "Each decorator's own time (outermost first), around the container's proxy:\n\n"
              + "| stage | first invocation ms | warm median µs |\n|---|---:|---:|\n");
      double chainFirst = 0;
      for (JsonNode stage : invocations) {
        chainFirst += stage.get("firstMs").asDouble();
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %.1f |%n",
                stage.get("stage").asText(),
                stage.get("firstMs").asDouble(),
                stage.get("warmMedianUs").asDouble()));
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| outside the chain (event parsing, request record, response writing) | %.2f | |%n%n",
              figures.get("firstInvokeMs").asDouble() - chainFirst));
    }
    return out.toString();
  }

  private static String table(String what, Map<String, int[]> counts, int rows) {
    StringBuilder out =
        new StringBuilder(
            "| " + what + " | classes in init | in first invocation |\n|---|---:|---:|\n");
    List<Map.Entry<String, int[]>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(
        Comparator.comparingInt(
            (Map.Entry<String, int[]> e) -> -(e.getValue()[0] + e.getValue()[1])));
    int others0 = 0;
    int others1 = 0;
    for (int i = 0; i < sorted.size(); i++) {
      int[] c = sorted.get(i).getValue();
      if (i < rows) {
        out.append(
            String.format(Locale.ROOT, "| %s | %d | %d |%n", sorted.get(i).getKey(), c[0], c[1]));
      } else {
        others0 += c[0];
        others1 += c[1];
      }
    }
    if (sorted.size() > rows) {
      out.append(
          String.format(
              Locale.ROOT, "| %d others | %d | %d |%n", sorted.size() - rows, others0, others1));
    }
    return out.toString();
  }

  /** The package a class is counted under: the JDK as one, the AWS SDK by module, else 3 names. */
  static String group(String className) {
    if (className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.")) {
      return "JDK";
    }
    String[] parts = className.split("\\.");
    int depth = className.startsWith("software.amazon.") ? 4 : 3;
    return String.join(".", java.util.Arrays.copyOf(parts, Math.min(depth, parts.length - 1)));
  }

  /** A jar's file name, the artifact's classes, the JDK, or generated (lambdas, proxies). */
  static String source(String source) {
    if (source.startsWith("shared objects file") || source.startsWith("jrt:/")) {
      return "JDK";
    }
    String path = source.replaceFirst("^jar:", "").replaceFirst("!/.*$", "");
    if (path.startsWith("file:")) {
      if (path.endsWith(".jar")) {
        return path.substring(path.lastIndexOf('/') + 1);
      }
      return path.contains("test-classes") ? "target/test-classes" : "the artifact's classes";
    }
    return "generated (lambda forms, proxies, CGLIB)";
  }

  private static String shorten(String tags) {
    return tags.length() > 90 ? tags.substring(0, 87) + "…" : tags;
  }
}
