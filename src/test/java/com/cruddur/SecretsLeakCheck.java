package com.cruddur;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.FakeSecrets;
import com.cruddur.support.TestRollbar;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a secret-looking value is in the repository, or when any secret, the tests'
 * fakes included, reached what the application wrote during the test run: every test class's
 * captured stdout/stderr (the JSON logs of the local server and of the functions) and every Rollbar
 * payload the Rollbar stand-in received.
 *
 * <p>Runs in its own Surefire execution after all other tests (see pom.xml), so their output
 * exists.
 */
class SecretsLeakCheck {

  /**
   * Shapes of real credentials. A match in the repository is a leak unless the value is an obvious
   * fake.
   */
  static final Map<String, Pattern> SHAPES =
      Map.of(
          "AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
          "AWS secret access key",
              Pattern.compile("(?i)aws_secret_access_key\\s*[=:]\\s*[\"']?([A-Za-z0-9/+]{40})"),
          "private key", Pattern.compile("-----BEGIN (RSA |EC |OPENSSH |DSA |)PRIVATE KEY-----"),
          "Honeycomb key", Pattern.compile("\\bhc[a-z][ilm]k_[A-Za-z0-9]{20,}"),
          "JWT",
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
          "GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,}"),
          "Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
          "Rollbar token",
              Pattern.compile(
                  "(?i)(rollbar[a-z_]*|access[_-]?token)[\"']?\\s*[=:]\\s*[\"']?([0-9a-f]{32})\\b"),
          "Honeycomb header",
              Pattern.compile("(?i)x-honeycomb-team\\s*[=:]\\s*[\"']?([A-Za-z0-9_]{20,})"));

  /**
   * The secrets the tests hand to the application. They are fakes, so they may sit in test sources,
   * but the application must never write one out: none may appear in captured output or in a
   * Rollbar payload.
   */
  static final List<String> TEST_SECRETS =
      List.of(
          TestRollbar.TOKEN,
          FakeSecrets.HONEYCOMB_INGEST_KEY,
          "fakeHoneycombKeyForTests",
          "fake.jwt.for-local-tests-only",
          "fake-cookie-value",
          "fake-password-value",
          "fake-query-token-value",
          "fake-token-value",
          "fake-api-key-value",
          "fake-nested-key",
          "fake-local-token");

  @Test
  void theRepositoryHoldsNoSecret() throws IOException {
    List<String> leaks = new ArrayList<>();
    for (Path file : repositoryFiles()) {
      String text = read(file);
      if (text == null) {
        continue;
      }
      SHAPES.forEach(
          (kind, shape) -> {
            Matcher matcher = shape.matcher(text);
            while (matcher.find()) {
              String value =
                  matcher.groupCount() > 0 && matcher.group(matcher.groupCount()) != null
                      ? matcher.group(matcher.groupCount())
                      : matcher.group();
              if (!obviousFake(value, text, matcher.start())) {
                leaks.add(file + ": " + kind + " at offset " + matcher.start());
              }
            }
          });
    }
    assertThat(leaks).as("secret-looking values in the repository (values not shown)").isEmpty();
  }

  @Test
  void nothingTheApplicationWroteDuringTheTestsHoldsASecret() throws IOException {
    List<Path> written = new ArrayList<>();
    written.addAll(files(Path.of("target", "surefire-reports"), "-output.txt"));
    written.addAll(files(Path.of("target", "rollbar-payloads"), ".json"));
    assertThat(written).as("captured test output to check").isNotEmpty();
    List<String> leaks = new ArrayList<>();
    for (Path file : written) {
      String raw = read(file);
      if (raw == null) {
        continue;
      }
      String text = raw;
      if (file.startsWith(Path.of("target", "rollbar-payloads"))) {
        // Rollbar's API takes the project token in the item's envelope: that one copy is its
        // credential, sent to Rollbar only. Everything else in the item must be clean.
        ObjectNode item = (ObjectNode) new ObjectMapper().readTree(raw);
        item.remove("access_token");
        text = item.toString();
      }
      String checked = text;
      for (String secret : TEST_SECRETS) {
        if (text.contains(secret)) {
          leaks.add(file + ": a test secret (" + secret.length() + " chars)");
        }
      }
      SHAPES.forEach(
          (kind, shape) -> {
            if (shape.matcher(checked).find()) {
              leaks.add(file + ": " + kind);
            }
          });
    }
    assertThat(leaks).as("secrets in logs or Rollbar payloads written during the tests").isEmpty();
  }

  /**
   * A fake says so ("fake", "example", "not-real", …) or is a repeated pattern; AWS's documented
   * example key id counts too. Fakes are allowed in the repository only.
   */
  static boolean obviousFake(String value, String text, int at) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (Stream.of("fake", "example", "not-real", "notreal", "dummy", "placeholder", "xxxx")
            .anyMatch(lower::contains)
        || value.matches("(.{1,16})\\1+")) {
      return true;
    }
    // The line says what it is: a test fixture written as "fake" next to the value.
    int lineStart = text.lastIndexOf('\n', at) + 1;
    int lineEnd = text.indexOf('\n', at);
    String line =
        text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd).toLowerCase(Locale.ROOT);
    return line.contains("fake") && !line.contains("not fake");
  }

  /**
   * Tracked and untracked-but-not-ignored files (what a commit would carry); without git, a walk.
   */
  static List<Path> repositoryFiles() throws IOException {
    try {
      Process git =
          new ProcessBuilder("git", "ls-files", "-co", "--exclude-standard")
              .redirectErrorStream(true)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (git.waitFor() == 0) {
        return out.lines()
            .filter(l -> !l.isBlank())
            .map(Path::of)
            .filter(Files::isRegularFile)
            .toList();
      }
    } catch (IOException | InterruptedException noGit) {
      // fall through
    }
    try (Stream<Path> walk = Files.walk(Path.of("."))) {
      return walk.filter(Files::isRegularFile)
          .filter(
              p ->
                  Stream.of(".git", "target", ".aws-sam", "node_modules")
                      .noneMatch(p.toString()::contains))
          .toList();
    }
  }

  private static List<Path> files(Path directory, String suffix) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  /** The file as text, or null for a binary one (a NUL byte in it). */
  private static String read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
      if (bytes[i] == 0) {
        return null;
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
