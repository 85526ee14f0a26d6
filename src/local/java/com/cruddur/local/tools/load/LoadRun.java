package com.cruddur.local.tools.load;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.server.LocalApplication;
import com.cruddur.platform.CruddurConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/load [--clients 50] [--seconds 60] [--url http://127.0.0.1:4567]}: N clients, each
 * sending its next request as soon as the last one answered, for S seconds, against the local
 * server (started here, on loopback, with DynamoDB Local, unless --url names a running one). The
 * mix is what the frontend does: home feed 60 %, a user feed 15 %, search 10 %, create 15 % (each
 * create with its own Idempotency-Key). Afterwards every acknowledged create is read back by its
 * uuid. Prints throughput and latency percentiles per route, errors, and the read-back result; exit
 * status 1 if any request failed or any acknowledged write is missing.
 */
public final class LoadRun {

  record Result(
      long requests,
      long errors,
      long acknowledgedWrites,
      long missingWrites,
      double seconds,
      Map<String, long[]> latenciesMicros,
      List<String> errorSamples) {

    double throughput() {
      return requests / seconds;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newFixedThreadPool(4))
          .build();

  public LoadRun(URI base) {
    this.base = base;
  }

  public static void main(String[] arguments) throws Exception {
    Map<String, String> options = Options.parse(arguments);
    int clients = Integer.parseInt(options.getOrDefault("clients", "50"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
    ConfigurableApplicationContext server = null;
    LocalEnvironment dynamo = null;
    URI base;
    if (options.containsKey("url")) {
      base = URI.create(options.get("url"));
    } else {
      dynamo = LocalEnvironment.start(Path.of("template.yaml"), 0, LocalEnvironment.TABLE_NAME);
      dynamo.seed();
      server = startServer(dynamo);
      base =
          URI.create(
              "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"));
    }
    Result result;
    try {
      result = new LoadRun(base).run(clients, Duration.ofSeconds(seconds));
    } finally {
      if (server != null) {
        server.close();
      }
      if (dynamo != null) {
        dynamo.close();
      }
    }
    String report = report(result, clients, seconds);
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "load-report.md"), report, StandardCharsets.UTF_8);
    System.exit(result.errors() == 0 && result.missingWrites() == 0 ? 0 : 1);
  }

  /**
   * The local server on a free loopback port, writing as the demo user (no tokens in a load run).
   */
  public static ConfigurableApplicationContext startServer(LocalEnvironment dynamo) {
    SpringApplication application = new SpringApplication(LocalApplication.class);
    application.setDefaultProperties(
        Map.of(
            "server.port",
            "0",
            "server.address",
            "127.0.0.1",
            CruddurConfig.TABLE_NAME,
            dynamo.tableName(),
            CruddurConfig.DYNAMODB_ENDPOINT,
            dynamo.endpoint().toString(),
            "CRUDDUR_DEV_USER",
            "andrewbrown",
            // Per-request access lines would make the run measure the console; warnings and errors
            // still show.
            "logging.level.cruddur.access",
            "WARN",
            "server.tomcat.threads.max",
            "100"));
    return application.run();
  }

  public Result run(int clients, Duration length) throws InterruptedException {
    Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    List<String> errorSamples = new CopyOnWriteArrayList<>();
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long deadline = System.nanoTime() + length.toNanos();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.submit(
          () -> {
            while (System.nanoTime() < deadline) {
              int pick = ThreadLocalRandom.current().nextInt(100);
              String route;
              HttpRequest request;
              String message = null;
              if (pick < 60) {
                route = "GET /api/activities/home";
                request = get("/api/activities/home");
              } else if (pick < 75) {
                route = "GET /api/activities/@{handle}";
                request = get("/api/activities/@" + (pick % 2 == 0 ? "andrewbrown" : "worf"));
              } else if (pick < 85) {
                route = "GET /api/activities/search";
                request = get("/api/activities/search?term=" + (pick % 2 == 0 ? "cloud" : "load"));
              } else {
                route = "POST /api/activities";
                message = "load test " + UUID.randomUUID();
                request =
                    HttpRequest.newBuilder(base.resolve("/api/activities"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"message\":\"" + message + "\",\"ttl\":\"1-hour\"}"))
                        .build();
              }
              long start = System.nanoTime();
              try {
                HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - start) / 1000;
                latencies
                    .computeIfAbsent(route, r -> Collections.synchronizedList(new ArrayList<>()))
                    .add(micros);
                if (response.statusCode() != 200) {
                  errors.incrementAndGet();
                  sample(
                      errorSamples, route + " → " + response.statusCode() + " " + response.body());
                } else if (message != null) {
                  acknowledged.put(JSON.readTree(response.body()).get("uuid").asText(), message);
                }
              } catch (IOException e) {
                errors.incrementAndGet();
                sample(errorSamples, route + " → " + e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              requests.incrementAndGet();
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - started) / 1e9;

    // Every write the server acknowledged must be readable, with what was written.
    long missing = 0;
    for (Map.Entry<String, String> write : acknowledged.entrySet()) {
      try {
        HttpResponse<String> read =
            http.send(
                get("/api/activities/" + write.getKey()), HttpResponse.BodyHandlers.ofString());
        JsonNode activity = read.statusCode() == 200 ? JSON.readTree(read.body()) : null;
        if (activity == null || !write.getValue().equals(activity.path("message").asText())) {
          missing++;
          sample(errorSamples, "write " + write.getKey() + " not readable: " + read.statusCode());
        }
      } catch (IOException e) {
        missing++;
        sample(errorSamples, "read-back " + write.getKey() + " → " + e);
      }
    }
    Map<String, long[]> sorted = new LinkedHashMap<>();
    latencies.forEach(
        (route, list) -> {
          long[] values;
          synchronized (list) {
            values = list.stream().mapToLong(Long::longValue).toArray();
          }
          Arrays.sort(values);
          sorted.put(route, values);
        });
    return new Result(
        requests.get(), errors.get(), acknowledged.size(), missing, seconds, sorted, errorSamples);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private static void sample(List<String> samples, String error) {
    if (samples.size() < 10) {
      samples.add(error);
    }
  }

  static String report(Result result, int clients, int seconds) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Load run: %d clients for %d s against the local server (loopback, DynamoDB Local),"
                + " %d cores, Java %s%n%n",
            clients,
            seconds,
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version")));
    out.append(
        String.format(
            "requests %d, errors %d, throughput %.0f req/s; creates acknowledged %d, missing on"
                + " read-back %d%n%n",
            result.requests(),
            result.errors(),
            result.throughput(),
            result.acknowledgedWrites(),
            result.missingWrites()));
    out.append(
        "| route | requests | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
    result
        .latenciesMicros()
        .forEach(
            (route, values) ->
                out.append(
                    String.format(
                        "| %s | %d | %.1f | %.1f | %.1f |" + " %.1f |%n",
                        route,
                        values.length,
                        pct(values, 50),
                        pct(values, 95),
                        pct(values, 99),
                        values.length == 0 ? 0 : values[values.length - 1] / 1000.0)));
    if (!result.errorSamples().isEmpty()) {
      out.append("\nerrors (first ").append(result.errorSamples().size()).append("):\n");
      result.errorSamples().forEach(e -> out.append("  ").append(e).append('\n'));
    }
    return out.toString();
  }

  static double pct(long[] sorted, int percentile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
  }
}
