package com.cruddur.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A real OpenTelemetry Collector on loopback, built from its Go modules with the collector builder
 * (ocb) and the committed manifest src/test/collector/builder.yaml: the OTLP receiver and the
 * OTLP/HTTP exporter our collector configurations use, and the env, file and Secrets Manager config
 * providers, at the pinned release. Built once into
 * ~/.cache/cruddur/otelcol/&lt;version&gt;-&lt;manifest hash&gt;/ (outside target/, so {@code mvn
 * clean} keeps it; a changed manifest builds anew; override the root with -Dcruddur.otelcol.cache)
 * and reused while present.
 *
 * <p>{@link #start} runs it on a configuration derived from one we ship: the receiver moves to a
 * free loopback port and its own telemetry is off (so two can run at once); components that exist
 * only in the Lambda collector are dropped (see {@link #derive}). {@code ${secretsmanager:...}} is
 * resolved by the real provider: point it at a stand-in with {@code
 * AWS_ENDPOINT_URL_SECRETS_MANAGER} in the environment.
 */
public final class RealCollector implements AutoCloseable {

  public static final String VERSION = "v0.165.0";
  static final String BUILDER = "go.opentelemetry.io/collector/cmd/builder";
  static final Path MANIFEST = Path.of("src", "test", "collector", "builder.yaml");
  static final String BINARY = "otelcol-cruddur";

  /**
   * Processors only the Lambda collectors have: decouple exists to return before a freeze, which
   * never comes here.
   */
  static final List<String> LAMBDA_ONLY_PROCESSORS = List.of("decouple");

  private final Process process;
  private final int port;
  private final Path log;

  private RealCollector(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static Path binary() {
    String cache =
        System.getProperty(
            "cruddur.otelcol.cache",
            Path.of(System.getProperty("user.home"), ".cache", "cruddur", "otelcol").toString());
    return Path.of(cache, VERSION + "-" + manifestHash(), BINARY);
  }

  /**
   * The first 12 hex digits of the manifest's SHA-256: the cache follows the manifest's content.
   */
  static String manifestHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(MANIFEST));
      return HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The collector binary, built when it is not in the cache yet: {@code go install
   * builder@VERSION}, then the builder on the manifest. It builds in a fresh folder beside the
   * final one and is moved into place, so an interrupted build leaves nothing half-made. Takes a
   * few minutes once; Go fetches modules from its proxy.
   */
  public static synchronized Path install() {
    Path binary = binary();
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Path go =
        go().orElseThrow(
                () ->
                    new IllegalStateException(
                        BINARY
                            + " is not at "
                            + binary
                            + " and Go is not on the PATH to build it (go install "
                            + BUILDER
                            + "@"
                            + VERSION
                            + ")"));
    try {
      Files.createDirectories(binary.getParent());
      Path building = Files.createTempDirectory(binary.getParent(), "building-");
      Path gobin = building.resolve("bin");
      run(
          List.of(go.toString(), "install", BUILDER + "@" + VERSION),
          building,
          Map.of("GOBIN", gobin.toString()));
      Path source = building.resolve("src");
      run(
          List.of(
              gobin.resolve("builder").toString(),
              "--config=" + MANIFEST.toAbsolutePath(),
              "--output-path=" + source),
          building,
          Map.of());
      Files.move(source.resolve(BINARY), binary, StandardCopyOption.ATOMIC_MOVE);
      delete(building); // the generated sources and the builder: only the binary is reused
      return binary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        path.toFile().setWritable(true);
        Files.deleteIfExists(path);
      }
    }
  }

  private static void run(List<String> command, Path directory, Map<String, String> extra)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(extra);
    // A module-aware build of exactly the pinned versions, whatever go.mod or GOFLAGS the caller
    // has.
    builder.environment().put("GO111MODULE", "on");
    builder.environment().put("GOFLAGS", "-mod=mod");
    Path output = directory.resolve("build.log");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    try {
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in 15 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed:\n" + Files.readString(output));
    }
  }

  private static Optional<Path> go() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "go");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The shipped configuration made runnable here. Only three things change, each for a reason: the
   * OTLP receiver listens on {@code port} over HTTP only (4317/4318 may be taken; the SDK exports
   * http/protobuf); the collector's own telemetry is off (its metrics port 8888 would clash between
   * two collectors); processors in {@link #LAMBDA_ONLY_PROCESSORS} are removed. Everything else,
   * the exporters, headers and every {@code ${...}} reference, is loaded as shipped.
   */
  @SuppressWarnings("unchecked")
  public static String derive(String shipped, int port) {
    Map<String, Object> config = new Yaml().load(shipped);
    Map<String, Object> receivers = (Map<String, Object>) config.get("receivers");
    receivers.put(
        "otlp", Map.of("protocols", Map.of("http", Map.of("endpoint", "127.0.0.1:" + port))));
    Map<String, Object> processors = (Map<String, Object>) config.get("processors");
    if (processors != null) {
      LAMBDA_ONLY_PROCESSORS.forEach(processors::remove);
      if (processors.isEmpty()) {
        config.remove("processors");
      }
    }
    Map<String, Object> service = (Map<String, Object>) config.get("service");
    for (Object pipeline : ((Map<String, Object>) service.get("pipelines")).values()) {
      Map<String, Object> steps = (Map<String, Object>) pipeline;
      if (steps.get("processors") instanceof List<?> list) {
        List<Object> kept = new ArrayList<>(list);
        kept.removeAll(LAMBDA_ONLY_PROCESSORS);
        if (kept.isEmpty()) {
          steps.remove("processors");
        } else {
          steps.put("processors", kept);
        }
      }
    }
    Map<String, Object> telemetry =
        new LinkedHashMap<>((Map<String, Object>) service.getOrDefault("telemetry", Map.of()));
    telemetry.put("metrics", Map.of("level", "none"));
    service.put("telemetry", telemetry);
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(config);
  }

  /**
   * Starts the collector on a configuration derived from {@code shipped}, with {@code environment}
   * added.
   */
  public static RealCollector start(Path shipped, Map<String, String> environment) {
    Path binary = install();
    try {
      int port;
      try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
        port = free.getLocalPort();
      }
      Path config = Files.createTempFile("cruddur-otelcol", ".yaml");
      config.toFile().deleteOnExit();
      Files.writeString(config, derive(Files.readString(shipped), port));
      Path log = Files.createTempFile("cruddur-otelcol", ".log");
      log.toFile().deleteOnExit();
      ProcessBuilder builder =
          new ProcessBuilder(binary.toString(), "--config=" + config)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      RealCollector collector = new RealCollector(builder.start(), port, log);
      collector.awaitListening(Duration.ofSeconds(60));
      return collector;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the collector exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(
        "the collector did not listen on " + port + " within " + timeout + ":\n" + log());
  }

  /** The receiver's base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** What the collector logged (warnings and errors: the shipped configs set level warn). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
