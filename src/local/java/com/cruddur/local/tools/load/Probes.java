package com.cruddur.local.tools.load;

import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What the load run measures inside the server: the application's DynamoDB calls (an interceptor on
 * its client) and each request's time split into DynamoDB and the rest (an outermost filter).
 */
record Probes(DynamoCallTimes calls, ServerTimes server) {

  static Probes create() {
    DynamoCallTimes calls = new DynamoCallTimes();
    return new Probes(calls, new ServerTimes(calls));
  }

  List<ExecutionInterceptor> interceptors() {
    return List.of(calls);
  }
}
