package com.cruddur.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for the Rollbar API on loopback: decodes items as Rollbar would (gzip, JSON, the token
 * header) and answers like it, or slowly, or with an error, or not at all.
 */
public final class TestRollbar {

  public static final String TOKEN = "test-rollbar-token-not-real";

  public enum Mode {
    OK,
    SLOW,
    ERROR_500,
    RATE_LIMITED_429
  }

  /** One received item: its decoded JSON and the token header it came with. */
  public record Item(JsonNode payload, String token, String contentEncoding) {
    public JsonNode data() {
      return payload.path("data");
    }
  }

  private static TestRollbar instance;

  private HttpServer server;
  private final int port;
  private final List<Item> items = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.OK;
  private volatile Duration slowness = Duration.ofSeconds(10);

  private TestRollbar() throws IOException {
    server = listen(0);
    port = server.getAddress().getPort();
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    http.createContext("/api/1/item/", this::handle);
    http.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "test-rollbar");
              t.setDaemon(true);
              return t;
            }));
    http.start();
    return http;
  }

  /**
   * Runs {@code work} with nothing listening (connections refused), then listens again on the same
   * port.
   */
  public synchronized void whileDown(Runnable work) {
    server.stop(0);
    try {
      work.run();
    } finally {
      try {
        server = listen(port);
      } catch (IOException e) {
        throw new IllegalStateException("could not listen again on " + port, e);
      }
    }
  }

  public static synchronized TestRollbar get() {
    if (instance == null) {
      instance = StandIn.start(TestRollbar::new);
    }
    return instance;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port + "/api/1/item/");
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  public List<Item> items() {
    return List.copyOf(items);
  }

  public void clear() {
    items.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    byte[] body = raw;
    if ("gzip".equalsIgnoreCase(encoding)) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        body = in.readAllBytes();
      }
    }
    items.add(
        new Item(
            TestLambda.JSON.readTree(body),
            exchange.getRequestHeaders().getFirst("x-rollbar-access-token"),
            encoding));
    // Kept for SecretsLeakCheck, which reads every payload after all tests have run.
    Path dump = Path.of("target", "rollbar-payloads");
    Files.createDirectories(dump);
    Files.write(dump.resolve(UUID.randomUUID() + ".json"), body);
    switch (mode) {
      case SLOW -> {
        try {
          Thread.sleep(slowness.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(
            exchange,
            200,
            "{\"err\":0,\"result\":{\"id\":null,\"uuid\":\"" + UUID.randomUUID() + "\"}}");
      }
      case ERROR_500 -> answer(exchange, 500, "{\"err\":1,\"message\":\"Internal error (test)\"}");
      case RATE_LIMITED_429 ->
          answer(exchange, 429, "{\"err\":1,\"message\":\"Rate limit exceeded (test)\"}");
      default ->
          answer(
              exchange,
              200,
              "{\"err\":0,\"result\":{\"id\":null,\"uuid\":\"" + UUID.randomUUID() + "\"}}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException clientGaveUp) {
      exchange.close();
    }
  }
}
