package com.cruddur.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for Secrets Manager's GetSecretValue on loopback (the JSON 1.1 protocol the SDK
 * speaks), so the path a deployed function takes to its Rollbar token runs in the tests.
 */
public final class TestSecretsManager {

  public static final String ROLLBAR_SECRET_ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/rollbar-test-AbCdEf";

  private static TestSecretsManager instance;

  private final HttpServer server;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

  private TestSecretsManager() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
          String id =
              TestLambda.JSON
                  .readTree(exchange.getRequestBody().readAllBytes())
                  .path("SecretId")
                  .asText();
          String secret = secrets.get(id);
          String json;
          int status;
          if (!"secretsmanager.GetSecretValue".equals(target) || secret == null) {
            status = 400;
            json =
                "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Secrets Manager can't find the specified"
                    + " secret.\"}";
          } else {
            reads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            status = 200;
            json =
                TestLambda.JSON.writeValueAsString(
                    Map.of(
                        "ARN",
                        id,
                        "Name",
                        "cruddur/rollbar-test",
                        "SecretString",
                        secret,
                        "VersionId",
                        "00000000-0000-4000-8000-000000000001",
                        "CreatedDate",
                        1.7e9));
          }
          byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  public static synchronized TestSecretsManager get() {
    if (instance == null) {
      instance = StandIn.start(TestSecretsManager::new);
      instance.secrets.put(
          ROLLBAR_SECRET_ARN, "{\"ROLLBAR_ACCESS_TOKEN\":\"" + TestRollbar.TOKEN + "\"}");
    }
    return instance;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Creates or replaces a secret, e.g. one that did not exist when a container first asked for it.
   */
  public void put(String arn, String value) {
    secrets.put(arn, value);
  }

  /** Reads of the Rollbar secret the in-JVM containers use ({@link #ROLLBAR_SECRET_ARN}). */
  public int reads() {
    return reads(ROLLBAR_SECRET_ARN);
  }

  public int reads(String arn) {
    AtomicInteger count = reads.get(arn);
    return count == null ? 0 : count.get();
  }
}
