package com.cruddur.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A Cognito user pool's signing side on loopback: an RSA key made for this test run, its public
 * JWKS served at {@code /.well-known/jwks.json}, and access tokens shaped like Cognito's (iss, sub,
 * client_id, token_use, exp, …). Nothing here is a real credential: the key exists only in this
 * JVM.
 */
public final class TestCognito {

  public static final String CLIENT_ID = "testclientid0123456789abcd";
  private static TestCognito instance;

  private final HttpServer server;
  private final RSAKey key;
  private final RSAKey stranger;

  private TestCognito() throws IOException, JOSEException {
    key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
    stranger =
        new RSAKeyGenerator(2048)
            .keyID(key.getKeyID())
            .generate(); // same kid, other key: a forgery
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/pool/.well-known/jwks.json",
        exchange -> {
          try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
          }
        });
    server.start();
  }

  public static synchronized TestCognito get() {
    if (instance == null) {
      instance = StandIn.start(TestCognito::new);
    }
    return instance;
  }

  /** The pool's issuer; its JWKS is at issuer + /.well-known/jwks.json, as with Cognito. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/pool";
  }

  /** A valid access token for the subject, signed by the pool's key, good for an hour. */
  public String accessToken(String subject) {
    return token(subject, b -> b);
  }

  /**
   * An access token changed by {@code change} (expired, another client, an ID token, …), signed by
   * the pool.
   */
  public String token(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
    return sign(key, change.apply(claims(subject)).build());
  }

  /** A well-formed token signed by a key that is not the pool's (same key id). */
  public String forged(String subject) {
    return sign(stranger, claims(subject).build());
  }

  private JWTClaimsSet.Builder claims(String subject) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer())
        .subject(subject)
        .claim("client_id", CLIENT_ID)
        .claim("token_use", "access")
        .claim("scope", "aws.cognito.signin.user.admin")
        .claim("username", subject)
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .claim("auth_time", now.getEpochSecond())
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(with.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
