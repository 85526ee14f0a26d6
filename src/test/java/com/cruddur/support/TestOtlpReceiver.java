package com.cruddur.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver on loopback, standing in for the layer's collector or for Honeycomb: it
 * takes {@code POST /v1/traces} with a protobuf {@code ExportTraceServiceRequest}, decodes it with
 * the OpenTelemetry proto classes, and keeps every request's headers and spans. It can also refuse
 * (401, as Honeycomb does for an unknown key) or answer slowly.
 */
public final class TestOtlpReceiver implements AutoCloseable {

  public enum Mode {
    ACCEPT,
    UNAUTHORIZED,
    SLOW
  }

  /** One exported span, flattened with its resource and scope. */
  public record ReceivedSpan(
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      String kind,
      Map<String, Object> attributes,
      Map<String, Object> resource,
      String scope,
      String statusCode) {

    public Object attribute(String key) {
      return attributes.get(key);
    }
  }

  /** One POST as it arrived. */
  public record Export(
      Map<String, String> headers, String contentType, byte[] body, List<ReceivedSpan> spans) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Export> exports = new CopyOnWriteArrayList<>();
  private final List<Integer> refused = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.ACCEPT;
  private volatile Duration delay = Duration.ofSeconds(30);

  public TestOtlpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/v1/traces", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * The base endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT takes it (the exporter appends /v1/traces).
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public TestOtlpReceiver respond(Mode newMode) {
    this.mode = newMode;
    return this;
  }

  /** How long a SLOW answer takes. */
  public TestOtlpReceiver delay(Duration newDelay) {
    this.delay = newDelay;
    return this;
  }

  public List<Export> exports() {
    return List.copyOf(exports);
  }

  /**
   * The request path of every POST taken as an export (the context matches by prefix; a sender's
   * path shows here).
   */
  public List<String> paths() {
    return List.copyOf(paths);
  }

  /** How many exports were answered with a refusal (401) or not answered in time (slow). */
  public int refusedCount() {
    return refused.size();
  }

  public List<ReceivedSpan> spans() {
    return exports.stream().flatMap(e -> e.spans().stream()).toList();
  }

  /** Waits until a span matching the predicate has arrived, or the timeout passes. */
  public List<ReceivedSpan> awaitSpans(Predicate<List<ReceivedSpan>> done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<ReceivedSpan> spans = spans();
      if (done.test(spans)) {
        return spans;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return spans();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in =
          "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
              ? new GZIPInputStream(exchange.getRequestBody())
              : exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
      Mode current = mode;
      if (current == Mode.UNAUTHORIZED) {
        refused.add(401);
        byte[] error =
            "{\"message\":\"unknown API key - check your credentials, region, and API URL\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(401, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      if (current == Mode.SLOW) {
        refused.add(0);
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      paths.add(exchange.getRequestURI().getPath());
      exports.add(new Export(headers, headers.get("content-type"), body, decode(body)));
      byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
      if (ok.length > 0) {
        exchange.getResponseBody().write(ok);
      }
    }
  }

  private static List<ReceivedSpan> decode(byte[] body) throws IOException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
    HexFormat hex = HexFormat.of();
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes(resourceSpans.getResource());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          spans.add(
              new ReceivedSpan(
                  hex.formatHex(span.getTraceId().toByteArray()),
                  hex.formatHex(span.getSpanId().toByteArray()),
                  hex.formatHex(span.getParentSpanId().toByteArray()),
                  span.getName(),
                  span.getKind().name(),
                  attributes(span.getAttributesList()),
                  resource,
                  scopeSpans.getScope().getName(),
                  span.getStatus().getCode().name()));
        }
      }
    }
    return spans;
  }

  private static Map<String, Object> attributes(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  private static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return map;
  }

  private static Object value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> value.getIntValue();
      case BOOL_VALUE -> value.getBoolValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case ARRAY_VALUE ->
          value.getArrayValue().getValuesList().stream().map(TestOtlpReceiver::value).toList();
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow(); // wakes handlers still sleeping in SLOW mode
  }
}
