package com.cruddur.platform.http;

import com.cruddur.common.DomainException;
import com.cruddur.platform.dynamo.InvalidCursorException;
import com.cruddur.platform.dynamo.StorageBusyException;
import com.cruddur.platform.observe.report.Failures;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Maps every failure to a status and a JSON array of codes. Exception messages never reach the
 * client: they may carry internals (table names, stack details), so they are only logged.
 * Exceptions behind a 5xx are kept for the edge to report to Rollbar with the response ({@link
 * Failures}).
 */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<List<String>> api(ApiException e) {
    return body(e.status(), e.codes());
  }

  /** The domain names the kind of refusal; the status is ours to choose. */
  @ExceptionHandler(DomainException.class)
  ResponseEntity<List<String>> domain(DomainException e) {
    return api(ApiErrors.toApi(e));
  }

  @ExceptionHandler(InvalidCursorException.class)
  ResponseEntity<List<String>> cursor(InvalidCursorException e) {
    return body(HttpStatus.BAD_REQUEST, List.of(ErrorCodes.CURSOR_INVALID));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<List<String>> unreadable(HttpMessageNotReadableException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestBodyLimitFilter.BodyTooLargeException) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, List.of(ErrorCodes.BODY_TOO_LARGE));
      }
    }
    return body(HttpStatus.BAD_REQUEST, List.of(ErrorCodes.BODY_MALFORMED));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<List<String>> unsupportedType(HttpMediaTypeNotSupportedException e) {
    return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, List.of(ErrorCodes.CONTENT_TYPE_UNSUPPORTED));
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<List<String>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return body(HttpStatus.NOT_ACCEPTABLE, List.of(ErrorCodes.NOT_ACCEPTABLE));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<List<String>> method(HttpRequestMethodNotSupportedException e) {
    HttpHeaders headers = new HttpHeaders();
    if (e.getSupportedHttpMethods() != null) {
      headers.setAllow(e.getSupportedHttpMethods());
    }
    return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
        .headers(headers)
        .contentType(MediaType.APPLICATION_JSON)
        .body(List.of(ErrorCodes.METHOD_NOT_ALLOWED));
  }

  @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
  ResponseEntity<List<String>> notFound(Exception e) {
    return body(HttpStatus.NOT_FOUND, List.of(ErrorCodes.NOT_FOUND));
  }

  @ExceptionHandler({
    ServletRequestBindingException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<List<String>> badParameter(Exception e) {
    return body(HttpStatus.BAD_REQUEST, List.of(ErrorCodes.PARAMETER_INVALID));
  }

  /**
   * Throttling and unavailability are the client's to retry; anything else from DynamoDB is our
   * bug.
   */
  @ExceptionHandler({StorageBusyException.class, SdkException.class})
  ResponseEntity<List<String>> storage(Exception e) {
    boolean transientFailure =
        e instanceof StorageBusyException
            || e instanceof SdkClientException
            || e instanceof SdkServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500);
    Failures.record(e);
    if (transientFailure) {
      log.warn("DynamoDB unavailable or throttling: {}", e.toString());
      return body(HttpStatus.SERVICE_UNAVAILABLE, List.of(ErrorCodes.SERVICE_UNAVAILABLE));
    }
    log.error("DynamoDB request failed", e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, List.of(ErrorCodes.INTERNAL));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<List<String>> unexpected(Exception e) {
    Failures.record(e);
    log.error("Unhandled exception", e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, List.of(ErrorCodes.INTERNAL));
  }

  /**
   * The content type is set explicitly so the error is written as JSON whatever the request's
   * Accept header says.
   */
  private static ResponseEntity<List<String>> body(HttpStatus status, List<String> codes) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(codes);
  }
}
