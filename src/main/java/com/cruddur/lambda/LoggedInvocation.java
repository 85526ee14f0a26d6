package com.cruddur.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.telemetry.AccessLog;
import com.cruddur.telemetry.LogLevels;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.CorrelationIdPaths;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The logging context of an invocation, through Powertools' functional API (no AspectJ): the Lambda context fields,
 * cold start, the X-Ray trace id and the API Gateway request id as {@code correlation_id} on every line, then one
 * access line when the response is known. Powertools clears the context afterwards.
 */
final class LoggedInvocation implements InvocationDecorator {

  private static final Logger log = LoggerFactory.getLogger(LoggedInvocation.class);

  private final LogLevels levels;

  LoggedInvocation() {
    // Powertools applies POWERTOOLS_LOG_LEVEL when its class initialises; take the snapshot after that.
    PowertoolsLogging.clearBuffer();
    this.levels = LogLevels.snapshot();
  }

  @Override
  public AwsProxyResponse around(AwsProxyRequest request, Context context, Supplier<AwsProxyResponse> next) {
    ProxyRequest described = ProxyRequest.of(request);
    // Powertools evaluates the correlation path on a JSON tree; give it only the field it needs.
    Map<String, Object> correlation =
        Map.of("requestContext", Map.of("requestId", described.requestId() == null ? "" : described.requestId()));
    return PowertoolsLogging.withLogging(context, CorrelationIdPaths.API_GATEWAY_REST, correlation, () -> {
      long start = System.nanoTime();
      int status = 500;
      try {
        AwsProxyResponse response = next.get();
        status = response.getStatusCode();
        return response;
      } catch (RuntimeException e) {
        log.error("Invocation failed", e);
        throw e;
      } finally {
        AccessLog.log(new AccessLog.Line(described.route(), described.method(), described.path(), status,
            (System.nanoTime() - start) / 1e6, described.sourceIp(), described.userAgent()));
        // A sampled invocation switched every logger to DEBUG; the next one starts from the configured levels.
        levels.restore();
      }
    });
  }
}
