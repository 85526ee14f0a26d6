package com.cruddur.support;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The traces pipeline of aws/otel/collector.yaml, played by the test: the collector itself is a Go
 * binary that is not available here, so this reads the same file, expands {@code ${env:NAME}} the
 * way the collector's env provider does (from the function's environment), and forwards what the
 * SDK exported to each OTLP/HTTP exporter's {@code <endpoint>/v1/traces} with the configured
 * headers. A reference to a variable the function does not have fails here, where the real
 * collector would quietly send an empty value.
 */
public final class TestCollector {

  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One exporter of the traces pipeline, with its values expanded. */
  public record Exporter(
      String name, URI endpoint, Map<String, String> headers, Duration timeout) {}

  private final Map<String, Object> config;

  private TestCollector(Map<String, Object> config) {
    this.config = config;
  }

  public static TestCollector load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new TestCollector(new Yaml().load(reader));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, Object> raw() {
    return config;
  }

  /** The traces pipeline's exporters, expanded against the environment the function runs with. */
  public List<Exporter> tracesExporters(Map<String, String> environment) {
    Map<String, Object> pipeline =
        map(map(map(config.get("service")).get("pipelines")).get("traces"));
    Map<String, Object> exporters = map(config.get("exporters"));
    return list(pipeline.get("exporters")).stream()
        .map(
            name -> {
              Map<String, Object> exporter = map(exporters.get(name));
              if (!name.equals("otlphttp") && !name.startsWith("otlphttp/")) {
                throw new IllegalStateException(
                    "exporter " + name + " is not OTLP/HTTP; this stand-in only plays otlphttp");
              }
              Map<String, String> headers = new LinkedHashMap<>();
              map(exporter.get("headers"))
                  .forEach((k, v) -> headers.put(k, expand(String.valueOf(v), environment)));
              Object timeout = exporter.getOrDefault("timeout", "5s");
              return new Exporter(
                  name,
                  URI.create(expand(String.valueOf(exporter.get("endpoint")), environment)),
                  headers,
                  Duration.ofMillis(
                      (long)
                          (Double.parseDouble(String.valueOf(timeout).replace("s", "")) * 1000)));
            })
        .toList();
  }

  /**
   * Sends one export request's bytes on to every exporter, as the collector would; returns their
   * statuses.
   */
  public List<Integer> forward(byte[] exportRequest, Map<String, String> environment) {
    return tracesExporters(environment).stream()
        .map(
            exporter -> {
              HttpRequest.Builder request =
                  HttpRequest.newBuilder(URI.create(exporter.endpoint() + "/v1/traces"))
                      .timeout(exporter.timeout())
                      .header("Content-Type", "application/x-protobuf")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(exportRequest));
              exporter.headers().forEach(request::header);
              try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  static String expand(String value, Map<String, String> environment) {
    Matcher matcher = ENV.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String variable = environment.get(matcher.group(1));
      if (variable == null || variable.isEmpty()) {
        throw new IllegalStateException(
            "collector.yaml uses ${env:"
                + matcher.group(1)
                + "}, which the function's"
                + " environment does not set");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(variable));
    }
    matcher.appendTail(out);
    if (out.indexOf("${") >= 0 || out.indexOf("$") == 0) {
      throw new IllegalStateException(
          "collector.yaml value '" + value + "' is not in the ${env:NAME} form");
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<String> list(Object value) {
    return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }
}
