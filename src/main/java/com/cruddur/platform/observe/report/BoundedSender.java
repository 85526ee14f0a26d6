package com.cruddur.platform.observe.report;

import com.rollbar.api.payload.Payload;
import com.rollbar.notifier.sender.AbstractSender;
import com.rollbar.notifier.sender.json.JsonSerializerImpl;
import com.rollbar.notifier.sender.result.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * Sends one Rollbar item synchronously, within a hard time limit. The default rollbar-java sender
 * buffers items and sends them later from a background thread, which Lambda freezes after the
 * response (items are late or lost); its synchronous sender has no timeouts at all. This one
 * finishes, or gives up, before the invocation returns.
 */
final class BoundedSender extends AbstractSender {

  private static final ThreadLocal<Duration> LIMIT = new ThreadLocal<>();

  private final URI endpoint;
  private final String accessToken;
  private final HttpClient http;
  private final JsonSerializerImpl json = new JsonSerializerImpl();

  BoundedSender(URI endpoint, String accessToken) {
    this.endpoint = endpoint;
    this.accessToken = accessToken;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** The limit for sends on this thread until {@link #clearLimit}. */
  static void limit(Duration limit) {
    LIMIT.set(limit);
  }

  static void clearLimit() {
    LIMIT.remove();
  }

  @Override
  protected Response doSend(Payload payload) throws Exception {
    Duration limit = LIMIT.get() != null ? LIMIT.get() : Duration.ofSeconds(2);
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(limit)
            .header("x-rollbar-access-token", accessToken)
            .header("Content-Type", "application/json; charset=UTF-8")
            .header("Content-Encoding", "gzip")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(json.toJson(payload))))
            .build();
    CompletableFuture<HttpResponse<String>> exchange =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      // A hard bound on the whole exchange, connecting included.
      response = exchange.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new IOException("no answer from Rollbar within " + limit.toMillis() + " ms");
    }
    return new Response.Builder()
        .status(response.statusCode())
        .result(json.resultFrom(response.body()))
        .build();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
