package com.cruddur.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.CapturedStdout;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestCognito;
import com.cruddur.support.TestDynamo;
import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local server without a development user: writes need a Cognito access token, verified against
 * the pool's JWKS (a loopback stand-in with a key made for this run). Every kind of bad token is a
 * 401 and stores nothing.
 */
@SpringBootTest(
    classes = LocalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class LocalAuthTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String WORF = "local-sub-worf";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    LocalServerSettings.freshTable(registry);
    LocalServerSettings.cognito(registry);
  }

  HttpResponse<String> create(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/activities"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"message\":\"authenticated\",\"ttl\":\"1-hour\"}"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aVerifiedAccessTokenWritesAsItsUser() throws Exception {
    HttpResponse<String> created = create("Bearer " + TestCognito.get().accessToken(WORF));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.body()).contains("\"handle\":\"worf\"");
    HttpResponse<String> unknown =
        create("Bearer " + TestCognito.get().accessToken("sub-of-nobody"));
    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(unknown.body()).isEqualTo("[\"user_not_registered\"]");
  }

  @Test
  void everyBadTokenIsA401AndStoresNothingAndNoTokenIsLogged() throws Exception {
    TestCognito pool = TestCognito.get();
    String valid = pool.accessToken(WORF);
    String[] parts = valid.split("\\.");
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("no token (and no development user)", null);
    bad.put("forged: signed by another key", "Bearer " + pool.forged(WORF));
    bad.put(
        "expired",
        "Bearer "
            + pool.token(
                WORF,
                c ->
                    c.issueTime(Date.from(Instant.now().minusSeconds(7200)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
    bad.put(
        "another app client",
        "Bearer " + pool.token(WORF, c -> c.claim("client_id", "someotherclient")));
    bad.put(
        "an ID token",
        "Bearer "
            + pool.token(WORF, c -> c.claim("token_use", "id").audience(TestCognito.CLIENT_ID)));
    bad.put(
        "another issuer",
        "Bearer "
            + pool.token(WORF, c -> c.issuer("https://cognito-idp.us-east-1.amazonaws.com/other")));
    bad.put("no client_id", "Bearer " + pool.token(WORF, c -> c.claim("client_id", null)));
    bad.put(
        "claims edited after signing",
        "Bearer "
            + parts[0]
            + "."
            + Base64URL.encode("{\"sub\":\"local-sub-andrewbrown\",\"token_use\":\"access\"}")
            + "."
            + parts[2]);
    bad.put("signature stripped", "Bearer " + parts[0] + "." + parts[1] + ".");
    bad.put("alg none", "Bearer " + Base64URL.encode("{\"alg\":\"none\"}") + "." + parts[1] + ".");
    bad.put(
        "HS256 with the public key as secret",
        "Bearer " + Base64URL.encode("{\"alg\":\"HS256\"}") + "." + parts[1] + "." + parts[2]);
    bad.put("not a JWT", "Bearer not-a-jwt");
    bad.put("empty bearer", "Bearer ");
    bad.put("basic auth", "Basic d29yZjpwYXNzd29yZA==");
    bad.put("token without Bearer", valid);

    TableSnapshot before = TestDynamo.snapshot();
    try (CapturedStdout out = new CapturedStdout()) {
      for (Map.Entry<String, String> c : bad.entrySet()) {
        HttpResponse<String> refused = create(c.getValue());
        assertThat(refused.statusCode()).as(c.getKey()).isEqualTo(401);
        assertThat(refused.body()).as(c.getKey()).isEqualTo("[\"generic_401\"]");
      }
      assertThat(out.text())
          .as("no token in the logs")
          .doesNotContain(parts[1])
          .doesNotContain(parts[2]);
    }
    assertThat(before.writesSince()).isEmpty();
  }
}
