package com.cruddur.local.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One function of template.yaml under AWS's own runtime, as {@code sam local invoke} runs it in its
 * container: the Runtime Interface Emulator (aws-lambda-rie, built from its Go module into a cache
 * outside target/) starts the Java runtime interface client in the laid-out artifact ({@link
 * LambdaArtifact}), which loads the template's handler from the artifact's root and lib/ and polls
 * the Runtime API. Invocations are POSTed to the emulator's invoke endpoint. Between the runtime
 * and the emulator's Runtime API sits a {@link RuntimeApiProxy} that hands the runtime the
 * invocation's trace header, as Lambda does and this emulator does not.
 *
 * <p>Separate processes: the emulator, and the runtime JVM it starts (in a process group of its
 * own, so {@link #close} ends the whole tree).
 */
public final class RuntimeEmulator implements AutoCloseable {

  public static final String MODULE = "github.com/aws/aws-lambda-runtime-interface-emulator";

  /** The pseudo-version served by the Go module proxy here (no tagged release is). */
  public static final String VERSION = "v0.0.0-20261030222936-bef5c4ba774d";

  public static final String RUNTIME_ENTRY =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String INVOKE_PATH = "/2015-03-31/functions/function/invocations";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the invoke endpoint answered, with the identifiers this invocation was given; {@code
   * functionError} when the runtime reported the invocation as failed (the handler threw), as
   * Lambda's X-Amz-Function-Error would say.
   */
  public record Response(
      int status, byte[] body, String requestId, TraceHeader trace, boolean functionError) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(
            "response is not JSON: " + new String(body, StandardCharsets.UTF_8), e);
      }
    }
  }

  private final String functionId;
  private final Process emulator;
  private final RuntimeApiProxy proxy;
  private final URI invokeUri;
  private final Duration invokeTimeout;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final List<String> emulatorLog = new CopyOnWriteArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  // Ends the processes if this JVM exits before close() (e.g. Ctrl-C in bin/invoke): the runtime
  // would outlive it.
  private final Thread cleanup = new Thread(this::stopProcesses, "rie-cleanup");

  private RuntimeEmulator(
      String functionId,
      Process emulator,
      RuntimeApiProxy proxy,
      int port,
      Duration invokeTimeout) {
    this.functionId = functionId;
    this.emulator = emulator;
    this.proxy = proxy;
    this.invokeUri = URI.create("http://127.0.0.1:" + port + INVOKE_PATH);
    this.invokeTimeout = invokeTimeout;
  }

  // ------------------------------------------------------------------------------------------ the
  // binary

  /** Where the emulator is built: outside target/, so `mvn clean` does not cost a rebuild. */
  public static Path binary() {
    String cache =
        System.getProperty(
            "cruddur.rie.cache",
            Path.of(System.getProperty("user.home"), ".cache", "cruddur", "rie").toString());
    return Path.of(cache, VERSION, "aws-lambda-rie");
  }

  /** Whether the emulator is built or can be (Go on the PATH). */
  public static boolean available() {
    return Files.isExecutable(binary()) || go().isPresent();
  }

  /**
   * The emulator binary, built with {@code go install <module>/cmd/aws-lambda-rie@<version>} when
   * it is not in the cache yet. It is built into a fresh folder beside the final one and moved into
   * place, so an interrupted build never leaves a half-written binary where the next run would take
   * it.
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
                        "aws-lambda-rie is not at "
                            + binary
                            + " and Go is not on the PATH to build it (go install "
                            + MODULE
                            + "/cmd/aws-lambda-rie@"
                            + VERSION
                            + ")"));
    try {
      Files.createDirectories(binary.getParent());
      Path building = Files.createTempDirectory(binary.getParent(), "building-");
      ProcessBuilder builder =
          new ProcessBuilder(go.toString(), "install", MODULE + "/cmd/aws-lambda-rie@" + VERSION)
              .directory(building.toFile())
              .redirectErrorStream(true);
      builder.environment().put("GOBIN", building.toAbsolutePath().toString());
      // A module-aware build of exactly that version, whatever go.mod or GOFLAGS the caller's
      // directory has.
      builder.environment().put("GO111MODULE", "on");
      builder.environment().remove("GOFLAGS");
      Process process = builder.start();
      String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "go install " + MODULE + "@" + VERSION + " failed:\n" + log);
      }
      Files.move(building.resolve("aws-lambda-rie"), binary, StandardCopyOption.ATOMIC_MOVE);
      Files.delete(building);
      return binary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> go() {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "go");
      if (!directory.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------------------------------ the
  // function

  /**
   * The environment Lambda gives the function's runtime: the template's (resolved by the harness,
   * with its overrides) plus what Lambda itself sets. The RIE sets some of these too, with its own
   * placeholders; given here they win, except AWS_LAMBDA_RUNTIME_API (see {@link #start}).
   */
  public static Map<String, String> environment(LambdaHarness harness, String functionId) {
    SamTemplate.FunctionSpec function = harness.template().function(functionId);
    String name = harness.functionName(functionId);
    String region = harness.names().getOrDefault("AWS::Region", "us-east-1");
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("AWS_LAMBDA_FUNCTION_NAME", name);
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    // The RIE's own setting: it ends an invocation after this many seconds (its default is 300).
    environment.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(function.timeoutSeconds()));
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
    environment.put(
        "AWS_LAMBDA_LOG_STREAM_NAME",
        LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
            + "/[$LATEST]"
            + HexFormat.of().formatHex(randomBytes()));
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
    // Lambda sets it; the RIE does not, and Powertools reports cold_start=false without it.
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    environment.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
    environment.put("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:2000");
    environment.put("TZ", ":UTC");
    environment.put("LAMBDA_TASK_ROOT", LambdaArtifact.DIRECTORY.toAbsolutePath().toString());
    // Obvious fakes: DynamoDB Local takes any key, and nothing here may reach AWS.
    environment.put("AWS_ACCESS_KEY_ID", "fakeRuntimeEmulatorKeyId");
    environment.put("AWS_SECRET_ACCESS_KEY", "fakeRuntimeEmulatorSecret");
    environment.put("AWS_SESSION_TOKEN", "fakeRuntimeEmulatorSession");
    environment.putAll(harness.environment(functionId));
    // The RIE would set _HANDLER to its command's last word; serverless-java-container takes a
    // _HANDLER that names no loadable class for a custom runtime and starts a second Runtime API
    // loop beside the client's.
    environment.put("_HANDLER", function.handler());
    return environment;
  }

  /**
   * Starts the emulator for the function; the runtime starts with the first invocation, as the RIE
   * does it.
   *
   * @param environment the runtime's environment, usually {@link #environment}
   * @param sink each line the emulator and the runtime print (logs), as it comes; the lines are
   *     kept as well
   */
  public static RuntimeEmulator start(
      LambdaHarness harness,
      String functionId,
      Map<String, String> environment,
      Consumer<String> sink) {
    SamTemplate.FunctionSpec function = harness.template().function(functionId);
    if (OtelLayer.wraps(environment)) {
      throw new IllegalArgumentException(
          functionId
              + " runs under the ADOT layer's exec wrapper, which is not"
              + " emulated under the RIE (layers are not mounted at /opt)");
    }
    Path rie = install();
    Path artifact = LambdaArtifact.layOut();
    int emulatorPort = freePort();
    int runtimeApiPort = freePort();
    RuntimeApiProxy proxy;
    try {
      proxy = new RuntimeApiProxy("127.0.0.1:" + runtimeApiPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                rie.toString(),
                "--runtime-interface-emulator-address",
                "127.0.0.1:" + emulatorPort,
                "--runtime-api-address",
                "127.0.0.1:" + runtimeApiPort,
                // The RIE sets AWS_LAMBDA_RUNTIME_API to its own Runtime API over anything given;
                // `env` puts the proxy back in front of the runtime, as an exec wrapper would. The
                // handler stays the last word: the RIE reads it there.
                envCommand(),
                "AWS_LAMBDA_RUNTIME_API=" + proxy.address(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Lambda's /var/runtime/lib; the function's classes and lib/ are loaded from the
                // working directory.
                "-cp",
                String.join(
                    File.pathSeparator,
                    LambdaArtifact.runtimeClasspath().stream().map(Path::toString).toList()),
                RUNTIME_ENTRY,
                function.handler()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(artifact.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      proxy.close();
      throw new UncheckedIOException(e);
    }
    // The emulator ends an invocation at its timeout; this client waits longer, as a safety net
    // only.
    Duration invokeTimeout =
        Duration.ofSeconds(
                Long.parseLong(
                    environment.getOrDefault(
                        "AWS_LAMBDA_FUNCTION_TIMEOUT",
                        Integer.toString(function.timeoutSeconds()))))
            .plus(Duration.ofMinutes(2));
    RuntimeEmulator started =
        new RuntimeEmulator(functionId, process, proxy, emulatorPort, invokeTimeout);
    try {
      Runtime.getRuntime().addShutdownHook(started.cleanup);
    } catch (IllegalStateException shuttingDown) {
      started.close();
      throw shuttingDown;
    }
    started.read(process.getInputStream(), started.output, sink, "rie-stdout-" + functionId);
    started.read(process.getErrorStream(), started.emulatorLog, sink, "rie-stderr-" + functionId);
    try {
      started.awaitListening(emulatorPort);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /**
   * Invokes with the given trace (the event's API Gateway trace header set to it, as the gateway
   * does).
   */
  public Response invoke(byte[] event, TraceHeader trace) {
    String requestId = UUID.randomUUID().toString();
    proxy.expect(requestId, trace);
    HttpRequest request =
        HttpRequest.newBuilder(invokeUri)
            .timeout(invokeTimeout)
            .header("X-Amzn-RequestId", requestId)
            .header("X-Amzn-Trace-Id", trace.toString())
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    LambdaHarness.withApiGatewayTraceHeader(event, trace)))
            .build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      awaitOutput("END RequestId: " + requestId);
      return new Response(
          response.statusCode(), response.body(), requestId, trace, proxy.failed(requestId));
    } catch (IOException e) {
      throw new IllegalStateException(
          functionId + ": invoke failed; emulator log: " + emulatorLog, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Everything the emulator and the runtime printed on stdout (the function's logs), line by line.
   */
  public List<String> output() {
    return List.copyOf(output);
  }

  /** The JSON log lines of one invocation (Powertools' function_request_id). */
  public List<JsonNode> logLines(String requestId) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output) {
      if (line.startsWith("{")) {
        try {
          JsonNode json = JSON.readTree(line);
          if (requestId.equals(json.path("function_request_id").asText())) {
            lines.add(json);
          }
        } catch (IOException notJson) {
          // a line of other output that happens to start with a brace
        }
      }
    }
    return lines;
  }

  /**
   * The trace header the proxy handed the runtime for this invocation (null if it never asked for
   * it).
   */
  public TraceHeader traceHandedOver(String requestId) {
    return proxy.traceOf(requestId);
  }

  /** The emulator's own log (its stderr). */
  public List<String> emulatorLog() {
    return List.copyOf(emulatorLog);
  }

  /**
   * Ends the emulator and the runtime it started (in its own process group, so not a child of
   * ours).
   */
  @Override
  public void close() {
    stopProcesses();
    proxy.close();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }

  private void stopProcesses() {
    List<ProcessHandle> tree = new ArrayList<>(emulator.descendants().toList());
    tree.add(emulator.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle process : tree) {
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * The runtime JVM and anything else the emulator started, while it runs (for tests that check
   * nothing is left).
   */
  public List<ProcessHandle> processes() {
    List<ProcessHandle> tree = new ArrayList<>(emulator.descendants().toList());
    tree.add(emulator.toHandle());
    return tree;
  }

  private void read(InputStream stream, List<String> into, Consumer<String> sink, String name) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  into.add(line);
                  sink.accept(line);
                }
              } catch (IOException closed) {
                // the emulator ended
              }
            },
            name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * The RIE prints END after the runtime has answered, into the same pipe the runtime writes its
   * logs to, so once END is read every log line of that invocation has been read too.
   */
  private void awaitOutput(String line) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!output.contains(line)) {
      if (System.nanoTime() > deadline || !emulator.isAlive()) {
        throw new IllegalStateException(
            functionId
                + ": no '"
                + line
                + "' from the emulator; output: "
                + output
                + "; emulator log: "
                + emulatorLog);
      }
      Thread.sleep(10);
    }
  }

  private void awaitListening(int port) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException notYet) {
        if (!emulator.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              functionId
                  + ": the emulator did not listen on "
                  + port
                  + "; its log: "
                  + emulatorLog
                  + " "
                  + output);
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String envCommand() {
    return Files.isExecutable(Path.of("/usr/bin/env")) ? "/usr/bin/env" : "env";
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
