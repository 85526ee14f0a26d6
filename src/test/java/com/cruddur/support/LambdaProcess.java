package com.cruddur.support;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.sam.LambdaHarness;
import com.cruddur.local.sam.OtelLayer;
import com.cruddur.platform.CruddurConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A function in its own JVM, started the way Lambda starts one: the template's environment as real
 * environment variables (Powertools reads some only from there), {@code
 * AWS_LAMBDA_INITIALIZATION_TYPE=on-demand}, and one execution environment for all the events given
 * (the first invocation cold, the rest warm). It runs {@code bin/invoke}'s main class against the
 * test table.
 */
public final class LambdaProcess {

  public record Result(
      int exitCode, List<JsonNode> responses, List<JsonNode> logLines, String stderr) {}

  private LambdaProcess() {}

  public static CompletableFuture<Result> start(
      String functionId, Map<String, String> extraEnvironment, String table, String... events) {
    return start(TestLambda.harness(), functionId, extraEnvironment, table, events);
  }

  /**
   * @param harness whose parameter values and resolved environment the function gets (the child JVM
   *     receives the environment both as real variables and as {@code --env-vars}, so it resolves
   *     nothing itself)
   */
  public static CompletableFuture<Result> start(
      LambdaHarness harness,
      String functionId,
      Map<String, String> extraEnvironment,
      String table,
      String... events) {
    return start(harness, functionId, extraEnvironment, table, false, events);
  }

  /**
   * The function as deployed without the ADOT layer: no OpenTelemetry jar on the classpath at all
   * (the artifact never carries one), which the tests' classpath otherwise has.
   */
  public static CompletableFuture<Result> startWithoutOpenTelemetry(
      String functionId, String table, String... events) {
    return start(TestLambda.harness(), functionId, Map.of(), table, true, events);
  }

  private static CompletableFuture<Result> start(
      LambdaHarness harness,
      String functionId,
      Map<String, String> extraEnvironment,
      String table,
      boolean withoutOpenTelemetry,
      String... events) {
    LocalEnvironment env = TestDynamo.get();
    Map<String, String> environment = new LinkedHashMap<>(harness.environment(functionId));
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    environment.put(CruddurConfig.TABLE_NAME, table);
    // Rollbar stays off in these JVMs unless a test asks for it: they are other containers, and the
    // Secrets Manager stand-in counts the in-JVM container's reads.
    environment.put("ROLLBAR_TOKEN_SECRET_ARN", "");
    environment.putAll(extraEnvironment);
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    if (withoutOpenTelemetry) {
      classpath =
          String.join(
              File.pathSeparator,
              Arrays.stream(classpath.split(File.pathSeparator))
                  .filter(
                      entry ->
                          !Path.of(entry).getFileName().toString().startsWith("opentelemetry-"))
                  .toList());
      if (classpath.contains("opentelemetry")) {
        throw new IllegalStateException(
            "an OpenTelemetry jar is still on the classpath: " + classpath);
      }
    }
    if (OtelLayer.wraps(environment)) {
      // What the layer's exec wrapper script does before the runtime starts, and the layer's jars
      // on the classpath.
      environment.putAll(
          OtelLayer.scriptEnvironment(
              harness.template().function(functionId).handler(),
              harness.functionName(functionId),
              environment));
      for (Path jar : OtelLayer.jars()) {
        classpath += File.pathSeparator + jar.toAbsolutePath();
      }
    }
    Path envVars;
    try {
      envVars = Files.createTempFile("cruddur-env-vars", ".json");
      envVars.toFile().deleteOnExit();
      Files.write(envVars, TestLambda.JSON.writeValueAsBytes(Map.of(functionId, environment)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Duser.timezone=UTC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classpath,
                "com.cruddur.local.sam.LocalInvoke",
                functionId));
    command.addAll(List.of(events));
    command.addAll(
        List.of(
            "--endpoint",
            env.endpoint().toString(),
            "--table",
            table,
            "--env-vars",
            envVars.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Process process = builder.start();
            CompletableFuture<byte[]> stderr =
                CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
              process.destroyForcibly();
              throw new IllegalStateException(functionId + " did not finish");
            }
            String err = new String(stderr.join(), StandardCharsets.UTF_8);
            List<JsonNode> responses = new ArrayList<>();
            try (MappingIterator<JsonNode> values =
                TestLambda.JSON.readerFor(JsonNode.class).readValues(stdout)) {
              values.forEachRemaining(responses::add);
            }
            List<JsonNode> lines = new ArrayList<>();
            for (String line : err.split("\n")) {
              if (line.startsWith("{")) {
                lines.add(TestLambda.JSON.readTree(line));
              }
            }
            return new Result(process.exitValue(), responses, lines, err);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        });
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
