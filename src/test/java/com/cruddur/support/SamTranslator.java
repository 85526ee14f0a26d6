package com.cruddur.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * template.yaml as CloudFormation receives it after SAM's transform, expanded by AWS's own SAM
 * translator (the version SAM CLI 1.170.0 pins) through src/test/python/transform.py, offline: no
 * AWS call, fake account and region.
 *
 * <p>The translator lives in a virtualenv outside target/ ({@code
 * ~/.cache/cruddur/samtranslator-<version>}), made once from src/test/python/requirements.txt
 * (exact pins) and reused while that file is unchanged.
 */
public final class SamTranslator {

  public static final String VERSION = "1.115.0";
  static final Path REQUIREMENTS = Path.of("src/test/python/requirements.txt");
  static final Path SCRIPT = Path.of("src/test/python/transform.py");

  private SamTranslator() {}

  /**
   * The expanded template; {@code parameters} are deploy-time overrides, as {@code
   * --parameter-overrides}.
   */
  public static JsonNode expand(Path template, Map<String, String> parameters) {
    List<String> command =
        new ArrayList<>(List.of(python().toString(), SCRIPT.toString(), template.toString()));
    parameters.forEach((name, value) -> command.add(name + "=" + value));
    try {
      return TestLambda.JSON.readTree(run(command, "the SAM translator"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized Path python() {
    Path venv =
        Path.of(System.getProperty("user.home"), ".cache", "cruddur", "samtranslator-" + VERSION);
    Path python = venv.resolve("bin").resolve("python");
    Path installed = venv.resolve("cruddur-requirements.txt");
    try {
      byte[] wanted = Files.readAllBytes(REQUIREMENTS);
      if (Files.isExecutable(python)
          && Files.exists(installed)
          && Arrays.equals(Files.readAllBytes(installed), wanted)) {
        return python;
      }
      Files.createDirectories(venv.getParent());
      run(List.of("python3", "-m", "venv", "--clear", venv.toString()), "python3 -m venv");
      run(
          List.of(
              python.toString(),
              "-m",
              "pip",
              "install",
              "--quiet",
              "--disable-pip-version-check",
              "--no-input",
              "-r",
              REQUIREMENTS.toString()),
          "pip install of the SAM translator (needs PyPI)");
      // Written last: an interrupted install is redone next time.
      Files.write(installed, wanted);
      return python;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(List<String> command, String what) {
    try {
      Process process = new ProcessBuilder(command).start();
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  return new byte[0];
                }
              });
      byte[] stdout = process.getInputStream().readAllBytes();
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in 300 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            what
                + " failed (exit "
                + process.exitValue()
                + "): "
                + new String(stderr.join(), StandardCharsets.UTF_8));
      }
      return new String(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(what + " could not start: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    }
  }
}
