package com.cruddur.support;

import com.cruddur.local.LocalEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A function in its own JVM, started the way Lambda starts one: the template's environment as real environment
 * variables (Powertools reads some only from there), {@code AWS_LAMBDA_INITIALIZATION_TYPE=on-demand}, and one
 * execution environment for all the events given (the first invocation cold, the rest warm). It runs
 * {@code bin/invoke}'s main class against the test table.
 */
public final class LambdaProcess {

  public record Result(int exitCode, List<JsonNode> responses, List<JsonNode> logLines, String stderr) {}

  private LambdaProcess() {}

  public static CompletableFuture<Result> start(String functionId, Map<String, String> extraEnvironment,
      String table, String... events) {
    LocalEnvironment env = TestDynamo.get();
    List<String> command = new ArrayList<>(List.of(
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
        "-Duser.timezone=UTC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "com.cruddur.local.invoke.LocalInvoke", functionId));
    command.addAll(List.of(events));
    command.addAll(List.of("--endpoint", env.endpoint().toString(), "--table", table));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(TestLambda.harness().environment(functionId));
    builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    builder.environment().putAll(extraEnvironment);
    return CompletableFuture.supplyAsync(() -> {
      try {
        Process process = builder.start();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(functionId + " did not finish");
        }
        String err = new String(stderr.join(), StandardCharsets.UTF_8);
        List<JsonNode> responses = new ArrayList<>();
        try (MappingIterator<JsonNode> values = TestLambda.JSON.readerFor(JsonNode.class).readValues(stdout)) {
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

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
