package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.platform.observe.log.LogLevels;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.logging.internal.PowertoolsLoggedFields;

/**
 * The logging context of an invocation, through Powertools' functional API (no AspectJ): the Lambda
 * context fields, cold start, the X-Ray trace id and the API Gateway request id as {@code
 * correlation_id} on every line (the access line too, written inside it). Powertools clears the
 * context afterwards.
 */
final class LoggedInvocation implements InvocationDecorator {

  private static final String CORRELATION_ID = PowertoolsLoggedFields.CORRELATION_ID.getName();

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
    // The correlation id is the API Gateway request id, put as Powertools would put it. Powertools'
    // own correlation path (CorrelationIdPaths.API_GATEWAY_REST) finds it with JMESPath on a
    // Jackson tree of its own mapper, which cost the first request ~100 ms and 276 JMESPath
    // classes for one field read (bin/profile).
    return PowertoolsLogging.withLogging(
        context,
        () -> {
          String requestId = request.requestId();
          if (requestId != null && !requestId.isEmpty()) {
            MDC.put(CORRELATION_ID, requestId);
          }
          try {
            return next.get();
          } finally {
            // A sampled invocation switched every logger to DEBUG; the next one starts from the
            // configured levels. Powertools clears the context, correlation id included.
            levels.restore();
          }
        });
  }
}
