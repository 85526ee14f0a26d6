package com.cruddur.common;

import java.util.List;

/**
 * A request the domain refuses, with the error codes the client reads. The domain says what kind of
 * refusal it is; the web layer decides the status, so no HTTP type reaches the services.
 */
public final class DomainException extends RuntimeException {

  /** What went wrong, as the client should understand it. */
  public enum Kind {
    /** The thing the request names does not exist (or has expired). */
    NOT_FOUND,
    /** The request is malformed in a way only the domain can tell. */
    MALFORMED,
    /** The request is well formed but cannot be done (e.g. a reused idempotency key). */
    REJECTED
  }

  private final Kind kind;
  private final List<String> codes;

  public DomainException(Kind kind, String code) {
    super(kind + " " + code, null, false, false);
    this.kind = kind;
    this.codes = List.of(code);
  }

  public static DomainException notFound(String code) {
    return new DomainException(Kind.NOT_FOUND, code);
  }

  public Kind kind() {
    return kind;
  }

  public List<String> codes() {
    return codes;
  }
}
