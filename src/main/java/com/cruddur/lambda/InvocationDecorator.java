package com.cruddur.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import java.util.List;
import java.util.function.Supplier;

/**
 * Something done around every invocation at the Lambda edge (tracing, logging context, error reporting). Decorators
 * see the proxy event and the proxy response, so they observe exactly what API Gateway sent and will receive.
 */
interface InvocationDecorator {

  AwsProxyResponse around(AwsProxyRequest request, Context context, Supplier<AwsProxyResponse> next);

  /** Applies decorators outermost first. */
  static AwsProxyResponse chain(List<InvocationDecorator> decorators, AwsProxyRequest request, Context context,
      Supplier<AwsProxyResponse> handler) {
    Supplier<AwsProxyResponse> next = handler;
    for (int i = decorators.size() - 1; i >= 0; i--) {
      InvocationDecorator decorator = decorators.get(i);
      Supplier<AwsProxyResponse> inner = next;
      next = () -> decorator.around(request, context, inner);
    }
    return next.get();
  }
}
