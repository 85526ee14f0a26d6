package com.cruddur.platform.http;

import com.cruddur.common.DomainException;
import com.cruddur.platform.dynamo.InvalidCursorException;
import com.cruddur.platform.dynamo.StorageBusyException;
import com.cruddur.platform.observe.trace.FailureKind;
import java.util.List;
import org.springframework.http.HttpStatus;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures are the client's: the status of a domain refusal, and the kind a trace records.
 */
public final class ApiErrors {

  private ApiErrors() {}

  static HttpStatus status(DomainException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case MALFORMED -> HttpStatus.BAD_REQUEST;
      case REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY;
    };
  }

  static ApiException toApi(DomainException e) {
    return new ApiException(status(e), e.codes());
  }

  /**
   * For the tracings: 4xx refusals are errors (429 a throttle too), busy storage a throttled fault.
   */
  public static FailureKind classify(Throwable e) {
    if (e instanceof ApiException api && api.status().is4xxClientError()) {
      return FailureKind.client(api.codes(), api.status().value() == 429);
    }
    if (e instanceof DomainException domain) {
      return FailureKind.client(domain.codes(), false);
    }
    if (e instanceof InvalidCursorException) {
      return FailureKind.client(List.of(ErrorCodes.CURSOR_INVALID), false);
    }
    if (e instanceof StorageBusyException
        || e instanceof SdkServiceException service && service.isThrottlingException()) {
      return FailureKind.BUSY;
    }
    return FailureKind.FAULT;
  }
}
