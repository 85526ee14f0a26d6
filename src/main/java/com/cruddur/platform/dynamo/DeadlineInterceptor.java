package com.cruddur.platform.dynamo;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Checks the request's {@link Deadline} before each DynamoDB call, whichever code path makes it.
 */
final class DeadlineInterceptor implements ExecutionInterceptor {

  @Override
  public void beforeExecution(
      Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
    Deadline.check();
  }
}
