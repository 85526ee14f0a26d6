package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.edge.EdgeObserver;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.edge.Outcome;
import com.cruddur.platform.observe.report.Failures;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each invocation's outcome to the observers the local server uses too (report, span, access
 * line).
 */
final class ObservedInvocation implements InvocationDecorator {

  private static final Logger log = LoggerFactory.getLogger(ObservedInvocation.class);

  private final List<EdgeObserver> observers;

  ObservedInvocation(List<EdgeObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  @Override
  public AwsProxyResponse around(
      EdgeRequest request, Context context, Supplier<AwsProxyResponse> next) {
    long start = System.nanoTime();
    Failures.take(); // nothing left over from an earlier invocation on this thread
    AwsProxyResponse response;
    try {
      response = next.get();
    } catch (RuntimeException | Error e) {
      log.error("Invocation failed", e);
      EdgeObserver.notifyAll(observers, request, Outcome.escaped(e, start));
      throw e;
    }
    EdgeObserver.notifyAll(
        observers, request, Outcome.answered(response.getStatusCode(), Failures.take(), start));
    return response;
  }
}
