package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.platform.http.Routes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The edge's record of an invocation, read once from the API Gateway proxy event. */
final class LambdaRequests {

  /** Kept free at the end of the invocation for the response and the logs. */
  static final Duration REPORT_RESERVE = Duration.ofSeconds(1);

  private LambdaRequests() {}

  /**
   * The route is the method and API Gateway's resource template, the same template the controllers
   * map.
   */
  static EdgeRequest of(AwsProxyRequest request, Context context) {
    AwsProxyRequestContext requestContext = request.getRequestContext();
    boolean identity = requestContext != null && requestContext.getIdentity() != null;
    return new EdgeRequest(
        Routes.of(request.getHttpMethod(), request.getResource()),
        request.getHttpMethod(),
        request.getPath(),
        requestContext == null ? null : requestContext.getRequestId(),
        identity ? requestContext.getIdentity().getSourceIp() : null,
        identity ? requestContext.getIdentity().getUserAgent() : null,
        () ->
            new EdgeRequest.Content(
                request.getMultiValueHeaders() == null ? Map.of() : request.getMultiValueHeaders(),
                request.getMultiValueQueryStringParameters() == null
                    ? Map.of()
                    : request.getMultiValueQueryStringParameters(),
                body(request)),
        () ->
            context == null
                ? Duration.ofSeconds(2)
                : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(REPORT_RESERVE));
  }

  private static String body(AwsProxyRequest request) {
    String body = request.getBody();
    if (body != null && request.isBase64Encoded()) {
      try {
        return new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
    }
    return body;
  }
}
