package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.edge.EdgeRequest;
import java.util.List;
import java.util.function.Supplier;

/**
 * Something only the Lambda edge does around an invocation (the Powertools logging context, the
 * X-Ray request subsegment, the deadline, the shared observers). Decorators see the invocation's
 * {@link EdgeRequest}, built once, and the proxy response API Gateway will receive.
 */
interface InvocationDecorator {

  AwsProxyResponse around(EdgeRequest request, Context context, Supplier<AwsProxyResponse> next);

  /** Applies decorators outermost first. */
  static AwsProxyResponse chain(
      List<InvocationDecorator> decorators,
      EdgeRequest request,
      Context context,
      Supplier<AwsProxyResponse> handler) {
    if (InvocationProfile.ON) {
      return InvocationProfile.chain(
          decorators, handler, (i, inner) -> decorators.get(i).around(request, context, inner));
    }
    Supplier<AwsProxyResponse> next = handler;
    for (int i = decorators.size() - 1; i >= 0; i--) {
      InvocationDecorator decorator = decorators.get(i);
      Supplier<AwsProxyResponse> inner = next;
      next = () -> decorator.around(request, context, inner);
    }
    return next.get();
  }
}
