package com.cruddur.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.cruddur.edge.lambda.SyntheticContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * One fresh JVM of the benchmark, started by {@link Benchmark} on the Lambda artifact's classpath:
 * loads the handler class as the Lambda Java runtime does (class init + no-arg constructor),
 * invokes it once cold, then N times warm with the same event bytes, each with a new X-Ray trace
 * header as Lambda sets it, and prints one line of figures (JSON) on the real stdout. The handler's
 * own output (its logs) goes to a sink, as CloudWatch would take it.
 *
 * <p>Only JDK, aws-lambda-java-core and the artifact's classes (its {@link SyntheticContext}) are
 * used here, so nothing but the artifact and this class is loaded.
 */
public final class BenchChild {

  private BenchChild() {}

  public static void main(String[] args) throws Exception {
    String handlerClass = args[0];
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    int warm = Integer.parseInt(args[2]);
    long launchedAtMillis = Long.parseLong(args[3]);
    PrintStream figures = System.out;
    PrintStream sink =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    System.setOut(sink);
    System.setErr(sink);

    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long initStart = System.nanoTime();
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
    long initNanos = System.nanoTime() - initStart;
    long readyAt = System.currentTimeMillis();
    long readyUptime = ManagementFactory.getRuntimeMXBean().getUptime();

    long first = invoke(handler, event);
    long firstResponseUptime = ManagementFactory.getRuntimeMXBean().getUptime();
    String firstResponse = lastResponse;
    long[] warmNanos = new long[warm];
    for (int i = 0; i < warm; i++) {
      warmNanos[i] = invoke(handler, event);
    }
    Arrays.sort(warmNanos);
    long rssKb = rssKb();
    int status = status(firstResponse);
    int lastStatus = status(lastResponse);

    figures.printf(
        Locale.ROOT,
        "{\"handler\":\"%s\",\"launchToReadyMs\":%d,\"jvmStartToReadyMs\":%d,"
            + "\"handlerInitMs\":%.1f,\"firstInvokeMs\":%.2f,\"launchToFirstResponseMs\":%.1f,"
            + "\"warmMedianUs\":%.1f,\"warmP99Us\":%.1f,\"warmCount\":%d,\"rssMb\":%.1f,\"loadedClasses\":%d,"
            + "\"firstStatus\":%d,\"lastStatus\":%d}%n",
        handlerClass,
        readyAt - launchedAtMillis,
        readyAt - jvmStart,
        initNanos / 1e6,
        first / 1e6,
        (readyAt - launchedAtMillis) + first / 1e6,
        warmNanos[warm / 2] / 1e3,
        warmNanos[(int) Math.ceil(warm * 0.99) - 1] / 1e3,
        warm,
        rssKb / 1024.0,
        ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
        status,
        lastStatus);
    if (Boolean.getBoolean(PROFILE)) {
      // bin/profile: the JVM uptimes that split its class-load log into init and first invocation,
      // Spring's startup steps and the per-decorator split (reflection: only loaded when
      // profiling).
      figures.printf(
          Locale.ROOT,
          "{\"profile\":{\"readyUptimeMs\":%d,\"firstResponseUptimeMs\":%d,\"startup\":%s,"
              + "\"invocations\":%s}}%n",
          readyUptime,
          firstResponseUptime,
          call("com.cruddur.bench.StartupProfile", "json", 40),
          call("com.cruddur.edge.lambda.InvocationProfile", "json", null));
    }
    figures.flush();
    System.exit(0);
  }

  /** Set by bin/profile on the child JVM. */
  static final String PROFILE = "cruddur.profile";

  private static String call(String type, String method, Integer top) {
    try {
      Class<?> owner = Class.forName(type);
      return top == null
          ? (String) owner.getMethod(method).invoke(null)
          : (String) owner.getMethod(method, int.class).invoke(null, top);
    } catch (ReflectiveOperationException | LinkageError e) {
      return "null"; // not on this target's classpath (the plain function has no decorators)
    }
  }

  private static String lastResponse;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static long invoke(RequestStreamHandler handler, byte[] event) throws IOException {
    // As the Lambda Java runtime does per invocation: the trace header of this invocation, sampled.
    byte[] id = new byte[12];
    byte[] parent = new byte[8];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(parent);
    System.setProperty(
        "com.amazonaws.xray.traceHeader",
        "Root=1-"
            + Long.toHexString(System.currentTimeMillis() / 1000)
            + "-"
            + HexFormat.of().formatHex(id)
            + ";Parent="
            + HexFormat.of().formatHex(parent)
            + ";Sampled=1");
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    Context context = context();
    long start = System.nanoTime();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    long elapsed = System.nanoTime() - start;
    lastResponse = out.toString(StandardCharsets.UTF_8);
    return elapsed;
  }

  private static int status(String response) {
    int at = response.indexOf("\"statusCode\":");
    return at < 0 ? -1 : Integer.parseInt(response.substring(at + 13).split("[,}]")[0].trim());
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** A new request id and deadline per invocation, as the runtime gives them. */
  private static Context context() {
    String function = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bench");
    return new SyntheticContext(
        UUID.randomUUID().toString(),
        function,
        "$LATEST",
        "arn:aws:lambda:us-east-1:123456789012:function:" + function,
        "/aws/lambda/" + function,
        "bench",
        1536,
        System.nanoTime() + 15_000_000_000L,
        null);
  }
}
