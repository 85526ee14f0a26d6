package com.cruddur.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.errors.ErrorReporter;
import com.cruddur.errors.Failures;
import com.cruddur.errors.ReportedRequest;
import com.rollbar.api.payload.data.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reports every 5xx to Rollbar before the invocation returns: with the exception when the application caught one,
 * as a message when the framework produced the 5xx itself, and any exception that escapes. 4xx are not reported.
 * The report waits at most until one second before the function's timeout, and never changes the response.
 */
final class ReportedInvocation implements InvocationDecorator {

  /** Kept free at the end of the invocation for the response and the logs. */
  private static final Duration RESERVE = Duration.ofSeconds(1);

  private final ErrorReporter reporter;

  ReportedInvocation(ErrorReporter reporter) {
    this.reporter = reporter;
  }

  @Override
  public AwsProxyResponse around(AwsProxyRequest request, Context context, Supplier<AwsProxyResponse> next) {
    Failures.take(); // nothing left over from an earlier invocation on this thread
    AwsProxyResponse response;
    try {
      response = next.get();
    } catch (RuntimeException | Error e) {
      report(e, "Unhandled exception in " + ProxyRequest.of(request).route(), request, context);
      throw e;
    }
    Throwable failure = Failures.take();
    if (response.getStatusCode() >= 500) {
      String route = ProxyRequest.of(request).route();
      report(failure, "HTTP " + response.getStatusCode() + " from " + route, request, context);
    }
    return response;
  }

  private void report(Throwable error, String message, AwsProxyRequest request, Context context) {
    if (!reporter.enabled()) {
      return;
    }
    Duration available = context == null
        ? Duration.ofSeconds(2)
        : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESERVE);
    reporter.report(Level.ERROR, error, message, describe(request), available);
  }

  static ReportedRequest describe(AwsProxyRequest request) {
    ProxyRequest described = ProxyRequest.of(request);
    String body = request.getBody();
    if (body != null && request.isBase64Encoded()) {
      try {
        body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        body = null;
      }
    }
    return ReportedRequest.of(described.method(), described.path(), described.route(),
        request.getMultiValueHeaders() == null ? Map.of() : request.getMultiValueHeaders(),
        request.getMultiValueQueryStringParameters() == null ? Map.of()
            : request.getMultiValueQueryStringParameters(),
        body, described.sourceIp());
  }
}
