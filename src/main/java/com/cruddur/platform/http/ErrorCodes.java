package com.cruddur.platform.http;

/**
 * Codes that are not tied to one feature. The generic_* names are the ones the Cruddur frontend
 * already maps to text (FormErrorItem.js); everything else it shows raw.
 */
public final class ErrorCodes {

  public static final String UNAUTHORIZED = "generic_401";
  public static final String INTERNAL = "generic_500";
  public static final String NOT_FOUND = "not_found";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String NOT_ACCEPTABLE = "not_acceptable";
  public static final String BODY_MALFORMED = "request_body_malformed";
  public static final String BODY_INVALID = "request_body_invalid";
  public static final String BODY_TOO_LARGE = "request_body_too_large";
  public static final String CONTENT_TYPE_UNSUPPORTED = "content_type_unsupported";
  public static final String PARAMETER_INVALID = "parameter_invalid";
  public static final String LIMIT_INVALID = "limit_invalid";
  public static final String CURSOR_INVALID = "cursor_invalid";
  public static final String SERVICE_UNAVAILABLE = "service_unavailable";
  public static final String CORS_ORIGIN_NOT_ALLOWED = "cors_origin_not_allowed";

  private ErrorCodes() {}
}
