package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.platform.observe.log.LogLevels;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.CorrelationIdPaths;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The logging context of an invocation, through Powertools' functional API (no AspectJ): the Lambda
 * context fields, cold start, the X-Ray trace id and the API Gateway request id as {@code
 * correlation_id} on every line (the access line too, written inside it). Powertools clears the
 * context afterwards.
 */
final class LoggedInvocation implements InvocationDecorator {

  private final LogLevels levels;

  LoggedInvocation() {
    // Powertools applies POWERTOOLS_LOG_LEVEL when its class initialises; take the snapshot after
    // that.
    PowertoolsLogging.clearBuffer();
    this.levels = LogLevels.snapshot();
  }

  @Override
  public AwsProxyResponse around(
      EdgeRequest request, Context context, Supplier<AwsProxyResponse> next) {
    // Powertools evaluates the correlation path on a JSON tree; give it only the field it needs.
    Map<String, Object> correlation =
        Map.of(
            "requestContext",
            Map.of("requestId", request.requestId() == null ? "" : request.requestId()));
    return PowertoolsLogging.withLogging(
        context,
        CorrelationIdPaths.API_GATEWAY_REST,
        correlation,
        () -> {
          try {
            return next.get();
          } finally {
            // A sampled invocation switched every logger to DEBUG; the next one starts from the
            // configured levels.
            levels.restore();
          }
        });
  }
}
