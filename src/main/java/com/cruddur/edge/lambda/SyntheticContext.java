package com.cruddur.edge.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;

/**
 * A Lambda {@link Context} with no runtime invocation behind it: SnapStart priming, and in the
 * tests the in-JVM harness and the benchmark. The remaining time counts down to a deadline, as the
 * runtime's does.
 *
 * <p>The only implementations on offer elsewhere are serverless-java-container's MockLambdaContext
 * (in its test jar, not the one Lambda ships) and the runtime interface client's own (not in the
 * artifact), so one lives here. Not final: the local harness names its own kind.
 */
public class SyntheticContext implements Context {

  private final String awsRequestId;
  private final String functionName;
  private final String functionVersion;
  private final String invokedFunctionArn;
  private final String logGroupName;
  private final String logStreamName;
  private final int memoryLimitInMB;
  private final long deadlineNanos;
  private final String xrayTraceId;

  /**
   * @param deadlineNanos the {@link System#nanoTime()} at which the invocation runs out of time
   */
  public SyntheticContext(
      String awsRequestId,
      String functionName,
      String functionVersion,
      String invokedFunctionArn,
      String logGroupName,
      String logStreamName,
      int memoryLimitInMB,
      long deadlineNanos,
      String xrayTraceId) {
    this.awsRequestId = awsRequestId;
    this.functionName = functionName;
    this.functionVersion = functionVersion;
    this.invokedFunctionArn = invokedFunctionArn;
    this.logGroupName = logGroupName;
    this.logStreamName = logStreamName;
    this.memoryLimitInMB = memoryLimitInMB;
    this.deadlineNanos = deadlineNanos;
    this.xrayTraceId = xrayTraceId;
  }

  @Override
  public String getAwsRequestId() {
    return awsRequestId;
  }

  @Override
  public String getLogGroupName() {
    return logGroupName;
  }

  @Override
  public String getLogStreamName() {
    return logStreamName;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return functionVersion;
  }

  @Override
  public String getInvokedFunctionArn() {
    return invokedFunctionArn;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryLimitInMB;
  }

  /** aws-lambda-java-core's: stdout, or under the Lambda runtime the runtime's own logger. */
  @Override
  public LambdaLogger getLogger() {
    return LambdaRuntime.getLogger();
  }

  @Override
  public String getXrayTraceId() {
    return xrayTraceId;
  }
}
