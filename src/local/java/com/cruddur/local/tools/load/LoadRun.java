package com.cruddur.local.tools.load;

import static com.cruddur.platform.dynamo.Attributes.IDEMPOTENCY_PREFIX;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.server.LocalApplication;
import com.cruddur.platform.AwsEndpoints;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.dynamo.Attributes;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * {@code bin/load [--clients 50] [--seconds 60] [--rounds 2] [--sides both|baseline|stack] [--mix
 * frontend|creates] [--baseline-write transaction|put] [--url http://127.0.0.1:4567]}: N clients,
 * each sending its next request as soon as the last one answered, against the local server (started
 * here, on loopback, with DynamoDB Local, unless --url names a running one), alternating round by
 * round with a {@link Baseline} of the same DynamoDB calls sent directly with the SDK to the same
 * DynamoDB Local, so our figures can be read as ratios to what this machine's DynamoDB Local does
 * at that moment. The mix is the frontend's ({@link Route}), each create with its own
 * Idempotency-Key. Afterwards every acknowledged create is read back by its uuid, and every create
 * that was not acknowledged is looked up (did it land anyway?) and retried with its key (does the
 * retry answer the landed activity, or store it once?). Prints both sides, the ratios, the server's
 * DynamoDB call times and the CPU use; exit status 1 if any acknowledged write is missing or a
 * retry with the same key did not answer the same activity.
 */
public final class LoadRun {

  /**
   * Our stack's side of a run.
   *
   * @param unacknowledged creates answered with an error (or none), with what they sent
   */
  record Result(
      Figures figures,
      long acknowledgedWrites,
      long missingWrites,
      List<Unacknowledged> unacknowledged,
      List<String> errorSamples) {

    long requests() {
      return figures.requests();
    }

    long errors() {
      return figures.errors();
    }

    double throughput() {
      return figures.throughput();
    }

    Result plus(Result other) {
      List<Unacknowledged> both = new ArrayList<>(unacknowledged);
      both.addAll(other.unacknowledged);
      List<String> samples = new ArrayList<>(errorSamples);
      other.errorSamples.stream().limit(Math.max(0, 10 - samples.size())).forEach(samples::add);
      return new Result(
          figures.plus(other.figures),
          acknowledgedWrites + other.acknowledgedWrites,
          missingWrites + other.missingWrites,
          both,
          samples);
    }
  }

  /** A create the server did not acknowledge: its key and body, to look it up and retry it. */
  record Unacknowledged(String key, String message, int status) {}

  /**
   * What became of the unacknowledged creates.
   *
   * @param landed stored anyway (their idempotency record exists): the write committed after the
   *     server had given up waiting
   * @param retriedOk a retry with the same key answered 200
   * @param sameActivity of the landed ones, the retry answered the activity already stored
   * @param wrong retries that answered another activity than the stored one, or failed: a lost or
   *     doubled write
   */
  record Afterwards(int unacknowledged, int landed, int retriedOk, int sameActivity, int wrong) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Route.Mix mix;
  private final AtomicInteger httpThreads = new AtomicInteger();
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .executor(
              Executors.newFixedThreadPool(
                  4, r -> new Thread(r, "load-client-http-" + httpThreads.incrementAndGet())))
          .build();

  public LoadRun(URI base) {
    this(base, Route.Mix.FRONTEND);
  }

  LoadRun(URI base, Route.Mix mix) {
    this.base = base;
    this.mix = mix;
  }

  public static void main(String[] arguments) throws Exception {
    Settings settings;
    try {
      settings = Settings.from(Options.parse(arguments));
    } catch (IllegalArgumentException e) {
      System.err.println("bin/load: " + e.getMessage());
      System.exit(2);
      return;
    }
    ConfigurableApplicationContext server = null;
    LocalEnvironment dynamo = null;
    Probes probes = Probes.create();
    Report report;
    try {
      URI base;
      if (settings.url().isPresent()) {
        base = settings.url().get();
      } else {
        dynamo = LocalEnvironment.start(Path.of("template.yaml"), 0, LocalEnvironment.TABLE_NAME);
        dynamo.seed();
        server = startServer(dynamo, Optional.of(probes));
        base =
            URI.create(
                "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"));
      }
      report = run(settings, base, dynamo, probes);
    } finally {
      if (server != null) {
        server.close();
      }
      if (dynamo != null) {
        dynamo.close();
      }
    }
    String text = report.markdown();
    System.out.println(text);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "load-report.md"), text, StandardCharsets.UTF_8);
    System.exit(report.ok() ? 0 : 1);
  }

  /** Rounds of baseline then our stack, then the checks on what our stack wrote. */
  static Report run(Settings settings, URI base, LocalEnvironment dynamo, Probes probes)
      throws InterruptedException {
    Duration phase = Duration.ofMillis(settings.seconds() * 1000L / settings.rounds());
    LoadRun load = new LoadRun(base, settings.mix());
    Baseline baseline =
        dynamo == null
            ? null
            : new Baseline(
                plainClient(dynamo.endpoint()),
                dynamo.tableName(),
                settings.mix(),
                settings.baselineWrite());
    Figures baselineFigures = Figures.NONE;
    Result ours = null;
    DynamoCallTimes.Snapshot serverCalls = DynamoCallTimes.Snapshot.NONE;
    ServerTimes.Snapshot serverTimes = ServerTimes.Snapshot.NONE;
    List<String> baselineErrors = new CopyOnWriteArrayList<>();
    List<Report.Phase> phases = new ArrayList<>();
    for (int round = 1; round <= settings.rounds(); round++) {
      if (settings.runsBaseline() && baseline != null) {
        CpuUse.Reading before = CpuUse.read();
        baselineFigures =
            baselineFigures.plus(baseline.run(settings.clients(), phase, baselineErrors));
        phases.add(
            new Report.Phase("baseline, round " + round, CpuUse.between(before, CpuUse.read())));
      }
      if (settings.runsStack()) {
        probes.calls().take(0);
        probes.server().take(0);
        CpuUse.Reading before = CpuUse.read();
        // Measured when the clients stop, before the read-back adds requests of its own.
        Object[] measured = new Object[3];
        Result result =
            load.run(
                settings.clients(),
                phase,
                seconds -> {
                  measured[0] = CpuUse.between(before, CpuUse.read());
                  measured[1] = probes.calls().take(seconds);
                  measured[2] = probes.server().take(seconds);
                });
        serverCalls = serverCalls.plus((DynamoCallTimes.Snapshot) measured[1]);
        serverTimes = serverTimes.plus((ServerTimes.Snapshot) measured[2]);
        phases.add(new Report.Phase("our stack, round " + round, (CpuUse.Use) measured[0]));
        ours = ours == null ? result : ours.plus(result);
      }
    }
    Afterwards afterwards = null;
    if (ours != null) {
      afterwards = load.afterwards(ours.unacknowledged(), dynamo);
    }
    return new Report(
        settings,
        ours,
        afterwards,
        baselineFigures,
        baseline == null ? Map.of() : baseline.shapes(),
        baselineErrors,
        serverCalls,
        serverTimes,
        phases);
  }

  /**
   * The baseline's client: the SDK's defaults (standard retries, no call timeout) with the same
   * url-connection HTTP client as the application, against the same DynamoDB Local.
   */
  static DynamoDbClient plainClient(URI endpoint) {
    return AwsEndpoints.configure(DynamoDbClient.builder(), Optional.of(endpoint))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /**
   * The local server on a free loopback port, writing as the demo user (no tokens in a load run).
   */
  public static ConfigurableApplicationContext startServer(LocalEnvironment dynamo) {
    return startServer(dynamo, Optional.empty());
  }

  /**
   * As {@link #startServer(LocalEnvironment)}, with the probes in the server: an interceptor added
   * to the application's DynamoDB client (after its own: the application collects every interceptor
   * bean) and an outermost filter.
   */
  static ConfigurableApplicationContext startServer(
      LocalEnvironment dynamo, Optional<Probes> probes) {
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
            Baseline.AUTHOR,
            // Per-request access lines would make the run measure the console; warnings and errors
            // still show.
            "logging.level.cruddur.access",
            "WARN",
            "server.tomcat.threads.max",
            "100"));
    probes.ifPresent(
        p ->
            application.addInitializers(
                context -> {
                  List<ExecutionInterceptor> interceptors = p.interceptors();
                  for (int n = 0; n < interceptors.size(); n++) {
                    context
                        .getBeanFactory()
                        .registerSingleton("loadRunInterceptor" + n, interceptors.get(n));
                  }
                  FilterRegistrationBean<ServerTimes> filter =
                      new FilterRegistrationBean<>(p.server());
                  filter.setOrder(Ordered.HIGHEST_PRECEDENCE - 100);
                  context.getBeanFactory().registerSingleton("loadRunServerTimes", filter);
                }));
    return application.run();
  }

  public Result run(int clients, Duration length) throws InterruptedException {
    return run(clients, length, seconds -> {});
  }

  /**
   * @param clientsDone told the phase's length in seconds when the clients have stopped, before the
   *     read-back
   */
  Result run(int clients, Duration length, DoubleConsumer clientsDone) throws InterruptedException {
    Figures.Tally tally = new Figures.Tally();
    List<String> errorSamples = new CopyOnWriteArrayList<>();
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    List<Unacknowledged> unacknowledged = new CopyOnWriteArrayList<>();
    double seconds =
        Clients.run(
            clients,
            length,
            "load-client",
            mix,
            (route, draw) -> {
              String message = null;
              String key = null;
              HttpRequest request =
                  switch (route) {
                    case HOME -> get("/api/activities/home");
                    case USER_FEED -> get("/api/activities/@" + Route.HANDLES[Route.variant(draw)]);
                    case SEARCH ->
                        get("/api/activities/search?term=" + Route.TERMS[Route.variant(draw)]);
                    case CREATE -> {
                      message = "load test " + UUID.randomUUID();
                      key = UUID.randomUUID().toString();
                      yield create(key, message);
                    }
                  };
              long start = System.nanoTime();
              int status = 0;
              try {
                HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status != 200) {
                  sample(errorSamples, route.label + " → " + status + " " + response.body());
                } else if (message != null) {
                  acknowledged.put(JSON.readTree(response.body()).get("uuid").asText(), message);
                }
              } catch (IOException e) {
                sample(errorSamples, route.label + " → " + e);
              }
              tally.record(route.label, (System.nanoTime() - start) / 1000, status != 200);
              if (status != 200 && message != null) {
                unacknowledged.add(new Unacknowledged(key, message, status));
              }
            });
    clientsDone.accept(seconds);

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
    return new Result(
        tally.figures(seconds), acknowledged.size(), missing, unacknowledged, errorSamples);
  }

  /**
   * Looks up each unacknowledged create's idempotency record (with the table at hand), then retries
   * it with the same key and body, one at a time on the now idle server: a landed write must come
   * back as itself, an unlanded one must be stored now, never twice.
   */
  Afterwards afterwards(List<Unacknowledged> creates, LocalEnvironment dynamo) {
    DynamoDbClient db = dynamo == null ? null : dynamo.client();
    UUID author =
        db == null
            ? null
            : new UserRepository(db, dynamo.tableName())
                .findByHandle(Baseline.AUTHOR)
                .map(User::uuid)
                .orElseThrow();
    int landed = 0;
    int retriedOk = 0;
    int same = 0;
    int wrong = 0;
    for (Unacknowledged create : creates) {
      String stored = null;
      if (db != null) {
        GetItemResponse record =
            db.getItem(
                b ->
                    b.tableName(dynamo.tableName())
                        .consistentRead(true)
                        .key(
                            Attributes.key(
                                IDEMPOTENCY_PREFIX + author + "#" + create.key(), "IDEMPOTENCY")));
        if (record.hasItem() && !record.item().isEmpty()) {
          landed++;
          AttributeValue pk = record.item().get("result_pk");
          stored = pk == null ? "" : pk.s().substring(Attributes.ACTIVITY_PREFIX.length());
        }
      }
      try {
        HttpResponse<String> retry =
            http.send(create(create.key(), create.message()), HttpResponse.BodyHandlers.ofString());
        if (retry.statusCode() != 200) {
          wrong++;
          continue;
        }
        retriedOk++;
        String uuid = JSON.readTree(retry.body()).path("uuid").asText();
        if (stored != null) {
          if (stored.equals(uuid)) {
            same++;
          } else {
            wrong++;
          }
        }
      } catch (IOException e) {
        wrong++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Afterwards(creates.size(), landed, retriedOk, same, wrong);
  }

  private HttpRequest create(String key, String message) {
    String body;
    try {
      body = JSON.writeValueAsString(Map.of("message", message, "ttl", "1-hour"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return HttpRequest.newBuilder(base.resolve("/api/activities"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  private static void sample(List<String> samples, String error) {
    if (samples.size() < 10) {
      samples.add(error);
    }
  }
}
