package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.platform.dynamo.Deadline;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One deadline per invocation for DynamoDB work: what Lambda says is left, less a reserve for what
 * must still happen after the last call begins. Past it, no further call starts and the request
 * answers 503 {@code service_unavailable} while there is time to log it, report it and return it.
 */
final class DeadlineInvocation implements InvocationDecorator {

  /**
   * A call that starts just before the deadline may take its whole budget (4 s: DynamoDbClients),
   * then the Rollbar report of a failure has its own (2 s) and the response must still be written.
   */
  static final Duration RESERVE = Duration.ofMillis(6_500);

  @Override
  public AwsProxyResponse around(
      EdgeRequest request, Context context, Supplier<AwsProxyResponse> next) {
    Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESERVE);
    return Deadline.within(left.isNegative() ? Duration.ZERO : left, next);
  }
}
