package com.cruddur.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A client's {@code Idempotency-Key} on a write: the first request with a key stores its result
 * under it, in the same DynamoDB transaction as the write (a conditional put), so a retry with the
 * same key and the same request gets the first result back instead of a second activity; the same
 * key with a different request is refused.
 */
public final class Idempotency {

  public static final String HEADER = "Idempotency-Key";

  /** How long a key is remembered: well beyond any client's retry window. */
  public static final Duration REMEMBERED = Duration.ofHours(24);

  public static final String KEY_INVALID = "idempotency_key_invalid";
  public static final String KEY_REUSED = "idempotency_key_reused";
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,128}");

  /** One write's claim on a key: who, which key, and a fingerprint of what was asked. */
  public record Claim(UUID userUuid, String key, String requestHash) {}

  /**
   * What the first request with the key stored: the item it created, and its request's fingerprint.
   */
  public record Recorded(String requestHash, String resultPk, String resultSk) {}

  /** The first request with this key already wrote; its record says what it created. */
  public static final class Replayed extends RuntimeException {
    private final transient Recorded recorded;

    public Replayed(Recorded recorded) {
      super("idempotency key already used", null, false, false);
      this.recorded = recorded;
    }

    public Recorded recorded() {
      return recorded;
    }
  }

  private Idempotency() {}

  /**
   * The key of a request, if it sent one; a malformed key is a 400 (it would never match a retry).
   */
  public static Optional<String> key(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (!KEY.matcher(header.strip()).matches()) {
      throw new DomainException(DomainException.Kind.MALFORMED, KEY_INVALID);
    }
    return Optional.of(header.strip());
  }

  /**
   * A claim for this user's key over the request's meaningful parts (kind, target, message, ttl).
   */
  public static Claim claim(UUID userUuid, String key, String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return new Claim(userUuid, key, HexFormat.of().formatHex(sha.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The replayed result is only the same request's: a key reused for another request is refused.
   */
  public static Recorded sameRequest(Replayed replayed, Claim claim) {
    if (!replayed.recorded().requestHash().equals(claim.requestHash())) {
      throw new DomainException(DomainException.Kind.REJECTED, KEY_REUSED);
    }
    return replayed.recorded();
  }
}
