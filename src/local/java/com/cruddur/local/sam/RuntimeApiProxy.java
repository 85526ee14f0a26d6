package com.cruddur.local.sam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sits between the runtime interface client and the RIE's Runtime API and adds what the RIE leaves
 * out: Lambda sends each invocation's X-Ray trace header as {@code Lambda-Runtime-Trace-Id} on the
 * {@code GET /2018-06-01/runtime/invocation/next} response (the Java runtime turns it into the
 * {@code com.amazonaws.xray.traceHeader} property); the RIE sends none. Everything else is
 * forwarded unchanged.
 *
 * <p>The trace of an invocation is the one {@link #expect registered} for its request id (the
 * invoke's {@code X-Amzn-RequestId}, which the RIE uses as the invocation id), else a new sampled
 * one, as under active tracing.
 */
public final class RuntimeApiProxy implements AutoCloseable {

  static final String INVOCATION_PATH = "/2018-06-01/runtime/invocation/";
  static final String NEXT_PATH = INVOCATION_PATH + "next";
  static final String TRACE_HEADER = "Lambda-Runtime-Trace-Id";
  static final String REQUEST_ID_HEADER = "Lambda-Runtime-Aws-Request-Id";
  // Hop-by-hop or computed by the JDK's client and server; the rest is copied as it is.
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "transfer-encoding",
          "keep-alive",
          "date");

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
  private final URI upstream;
  private final Map<String, TraceHeader> traces = new ConcurrentHashMap<>();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();

  /**
   * @param runtimeApi the RIE's {@code --runtime-api-address}, host:port
   */
  public RuntimeApiProxy(String runtimeApi) throws IOException {
    this.upstream = URI.create("http://" + runtimeApi);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext("/", this::forward);
    server.start();
  }

  /** The address for the runtime's AWS_LAMBDA_RUNTIME_API. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The trace header the invocation with this request id is to get. */
  public void expect(String requestId, TraceHeader trace) {
    traces.put(requestId, trace);
  }

  /** The trace header the invocation with this request id got, once the runtime has fetched it. */
  public TraceHeader traceOf(String requestId) {
    return traces.get(requestId);
  }

  /** Whether the runtime reported this invocation as failed (POST .../invocation/{id}/error). */
  public boolean failed(String requestId) {
    return failed.contains(requestId);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith(INVOCATION_PATH) && path.endsWith("/error")) {
        // Noted before the emulator hears of it, so it is known by the time the invoke is answered.
        failed.add(path.substring(INVOCATION_PATH.length(), path.length() - "/error".length()));
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI()))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(value -> request.header(name, value));
                }
              });
      HttpResponse<byte[]> response;
      try {
        // No timeout: /next is a long poll that lasts until the next invoke arrives.
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      if (NEXT_PATH.equals(path) && response.statusCode() == 200) {
        String requestId = response.headers().firstValue(REQUEST_ID_HEADER).orElse("");
        TraceHeader trace =
            traces.computeIfAbsent(requestId, id -> TraceHeader.newSampled(Instant.now()));
        exchange.getResponseHeaders().put(TRACE_HEADER, List.of(trace.toString()));
      }
      byte[] out = response.body();
      exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
