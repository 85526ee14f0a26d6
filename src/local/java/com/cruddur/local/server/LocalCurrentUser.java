package com.cruddur.local.server;

import com.cruddur.platform.http.ApiException;
import com.cruddur.platform.http.ErrorCodes;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import com.cruddur.user.web.CurrentUser;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletRequest;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Who writes on the local server. A bearer token is verified the way API Gateway's user pool
 * authorizer and our Lambda edge do together: RS256 signature against the pool's JWKS, issuer,
 * expiry, an access token ({@code token_use}) for this app client ({@code client_id}); any failure
 * is 401, and the token never reaches a log. Without a token, writes are refused, unless a
 * development user is explicitly enabled ({@code CRUDDUR_DEV_USER=<handle>}; the Quick start's run
 * command sets it).
 */
final class LocalCurrentUser implements CurrentUser {

  static final String DEV_USER = "CRUDDUR_DEV_USER";
  static final String ISSUER = "CRUDDUR_COGNITO_ISSUER";
  static final String CLIENT_ID = "CRUDDUR_COGNITO_CLIENT_ID";
  static final String JWKS_URL = "CRUDDUR_JWKS_URL";

  private static final Logger log = LoggerFactory.getLogger(LocalCurrentUser.class);

  private final UserRepository users;
  private final Optional<String> devHandle;
  private final Optional<ConfigurableJWTProcessor<SecurityContext>> verifier;

  LocalCurrentUser(
      UserRepository users,
      Optional<String> devHandle,
      Optional<ConfigurableJWTProcessor<SecurityContext>> verifier) {
    this.users = users;
    this.devHandle = devHandle;
    this.verifier = verifier;
  }

  /**
   * From the settings: {@code CRUDDUR_COGNITO_ISSUER} ({@code
   * https://cognito-idp.<region>.amazonaws.com/<pool id>}) and {@code CRUDDUR_COGNITO_CLIENT_ID}
   * turn verification on; the keys come from the issuer's {@code /.well-known/jwks.json} unless
   * {@code CRUDDUR_JWKS_URL} names another place.
   */
  static LocalCurrentUser create(UserRepository users, UnaryOperator<String> settings) {
    Optional<String> dev =
        Optional.ofNullable(settings.apply(DEV_USER)).map(String::strip).filter(s -> !s.isEmpty());
    String issuer = blankToNull(settings.apply(ISSUER));
    String clientId = blankToNull(settings.apply(CLIENT_ID));
    if ((issuer == null) != (clientId == null)) {
      throw new IllegalStateException(
          ISSUER
              + " and "
              + CLIENT_ID
              + " go together: set both to verify Cognito"
              + " tokens, or neither");
    }
    Optional<ConfigurableJWTProcessor<SecurityContext>> verifier = Optional.empty();
    if (issuer != null) {
      String jwks =
          Optional.ofNullable(blankToNull(settings.apply(JWKS_URL)))
              .orElse(issuer.replaceAll("/+$", "") + "/.well-known/jwks.json");
      verifier = Optional.of(processor(issuer, clientId, jwks));
      log.info("Bearer tokens are verified against {} for issuer {}", jwks, issuer);
    }
    if (dev.isPresent()) {
      log.warn(
          "Development user {} writes every request that carries no token ({}); never in AWS",
          dev.get(),
          DEV_USER);
    }
    return new LocalCurrentUser(users, dev, verifier);
  }

  static ConfigurableJWTProcessor<SecurityContext> processor(
      String issuer, String clientId, String jwksUrl) {
    JWKSource<SecurityContext> keys;
    try {
      // Cached and rate-limited by the library; a key rotation (unknown kid) triggers a refetch.
      keys =
          JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL())
              .retrying(false)
              .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalStateException(JWKS_URL + " is not a URL: " + jwksUrl, e);
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder()
                .issuer(issuer)
                .claim("token_use", "access")
                .claim("client_id", clientId)
                .build(),
            Set.of("sub", "exp", "iat", "token_use", "client_id")));
    return processor;
  }

  @Override
  public User require(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    User user;
    if (authorization == null || authorization.isBlank()) {
      String handle = devHandle.orElseThrow(LocalCurrentUser::unauthorized);
      user = users.findByHandle(handle).orElseThrow(LocalCurrentUser::notRegistered);
    } else {
      user =
          users
              .findByCognitoSub(verifiedSubject(authorization))
              .orElseThrow(LocalCurrentUser::notRegistered);
    }
    return user;
  }

  private String verifiedSubject(String authorization) {
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized();
    }
    if (verifier.isEmpty()) {
      log.warn(
          "A bearer token arrived but tokens cannot be verified here: set {} and {} (or send no token to use"
              + " the development user)",
          ISSUER,
          CLIENT_ID);
      throw unauthorized();
    }
    try {
      JWTClaimsSet claims = verifier.get().process(authorization.substring(7).strip(), null);
      return claims.getSubject();
    } catch (ParseException | BadJOSEException | JOSEException e) {
      // The reason (expired, bad signature, wrong client…) but never the token.
      log.info("Refused a bearer token: {}", e.getMessage());
      throw unauthorized();
    }
  }

  private static ApiException unauthorized() {
    return new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED);
  }

  private static ApiException notRegistered() {
    return new ApiException(HttpStatus.FORBIDDEN, "user_not_registered");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
