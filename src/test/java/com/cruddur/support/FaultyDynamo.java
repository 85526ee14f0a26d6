package com.cruddur.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in in front of DynamoDB Local that forwards every call unchanged, unless a fault
 * is armed for an operation: throttling, an internal error, unavailability, or a delay. The
 * application under test talks to it through its ordinary endpoint setting, so its real SDK client,
 * retries and timeouts meet the fault.
 */
public final class FaultyDynamo {

  public enum Kind {
    THROTTLE,
    INTERNAL_ERROR,
    UNAVAILABLE,
    DELAY,
    /** A TransactWriteItems cancelled with the fault's per-item reason codes. */
    TRANSACTION_CANCELED
  }

  /**
   * A fault on one operation (e.g. "TransactWriteItems"), for the next {@code times} calls (-1:
   * until cleared).
   */
  public record Fault(
      String operation, Kind kind, int times, Duration delay, List<String> cancellationReasons) {

    public Fault(String operation, Kind kind, int times, Duration delay) {
      this(operation, kind, times, delay, List.of());
    }

    /**
     * The next {@code times} TransactWriteItems cancelled, one reason code per item in order
     * ("None", "ConditionalCheckFailed", "TransactionConflict", …), nothing written.
     */
    public static Fault cancelled(int times, String... reasons) {
      return new Fault(
          "TransactWriteItems", Kind.TRANSACTION_CANCELED, times, Duration.ZERO, List.of(reasons));
    }
  }

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "transfer-encoding", "upgrade");
  private static FaultyDynamo instance;

  private final HttpServer server;
  private final URI target;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<AtomicInteger> remaining = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  /**
   * Calls received and not yet answered: a delayed call goes on after its client gave up, as on a
   * slow network.
   */
  private final AtomicInteger inFlight = new AtomicInteger();

  private FaultyDynamo(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "faulty-dynamo");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  public static synchronized FaultyDynamo in(URI dynamoDbLocal) {
    if (instance == null) {
      instance = StandIn.start(() -> new FaultyDynamo(dynamoDbLocal));
    }
    return instance;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized void arm(Fault fault) {
    faults.add(fault);
    remaining.add(new AtomicInteger(fault.times()));
  }

  public synchronized void clear() {
    faults.clear();
    remaining.clear();
  }

  /**
   * Waits until every call received so far has been answered (or {@code limit} passed), so that a
   * delayed write lands, or not, before the test looks at the table rather than in the middle of a
   * later test.
   */
  public void awaitIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (inFlight.get() > 0) {
      throw new IllegalStateException(inFlight.get() + " calls still in flight after " + limit);
    }
  }

  /** Operations called since the last {@link #calls(boolean)} with reset. */
  public List<String> calls(boolean reset) {
    List<String> copy = List.copyOf(calls);
    if (reset) {
      calls.clear();
    }
    return copy;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
    calls.add(operation);
    inFlight.incrementAndGet();
    Fault fault = take(operation);
    try {
      if (fault != null && fault.kind() != Kind.DELAY) {
        fail(exchange, fault);
        return;
      }
      if (fault != null) {
        Thread.sleep(fault.delay().toMillis());
      }
      forward(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (IOException e) {
      exchange.close();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private synchronized Fault take(String operation) {
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      if (fault.operation().equals(operation) || fault.operation().equals("*")) {
        AtomicInteger left = remaining.get(i);
        if (left.get() == -1 || left.getAndDecrement() > 0) {
          return fault;
        }
      }
    }
    return null;
  }

  private void fail(HttpExchange exchange, Fault fault) throws IOException {
    String type;
    int status;
    String extra = "";
    switch (fault.kind()) {
      case TRANSACTION_CANCELED -> {
        type = "TransactionCanceledException";
        status = 400;
        extra =
            ",\"CancellationReasons\":["
                + String.join(
                    ",",
                    fault.cancellationReasons().stream()
                        .map(code -> "{\"Code\":\"" + code + "\"}")
                        .toList())
                + "]";
      }
      case THROTTLE -> {
        type = "ProvisionedThroughputExceededException";
        status = 400;
      }
      case UNAVAILABLE -> {
        type = "ServiceUnavailable";
        status = 503;
      }
      default -> {
        type = "InternalServerError";
        status = 500;
      }
    }
    byte[] json =
        ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + type
                + "\",\"message\":\"injected by the test\""
                + extra
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
    exchange.sendResponseHeaders(status, json.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(json);
    }
  }

  private void forward(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
              }
            });
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.equals(":status")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
              }
            });
    byte[] out = response.body();
    exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(out);
    }
  }
}
