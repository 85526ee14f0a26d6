package com.cruddur.local.sam;

import com.cruddur.edge.lambda.SyntheticContext;

/**
 * The Lambda context of one in-JVM invocation: named as Lambda names a function's, with a real
 * deadline.
 */
public final class HarnessContext extends SyntheticContext {

  public HarnessContext(
      String awsRequestId,
      String functionName,
      int memoryLimitInMB,
      long deadlineNanos,
      String region,
      String xrayTraceId) {
    super(
        awsRequestId,
        functionName,
        "$LATEST",
        "arn:aws:lambda:" + region + ":123456789012:function:" + functionName,
        "/aws/lambda/" + functionName,
        "local/[$LATEST]" + awsRequestId.replace("-", ""),
        memoryLimitInMB,
        deadlineNanos,
        xrayTraceId);
  }
}
