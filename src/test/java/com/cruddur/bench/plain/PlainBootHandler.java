package com.cruddur.bench.plain;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The plain function's handler, as in serverless-java-container's Spring Boot 3 sample: the
 * application starts in the static initialiser, each event is proxied as a stream. No decorators,
 * no telemetry, no DynamoDB.
 */
public final class PlainBootHandler implements RequestStreamHandler {

  private static final SpringBootLambdaContainerHandler<AwsProxyRequest, AwsProxyResponse> HANDLER;

  static {
    try {
      HANDLER = SpringBootLambdaContainerHandler.getAwsProxyHandler(PlainBootApplication.class);
    } catch (ContainerInitializationException e) {
      // As the sample does: fail init, so that Lambda starts a fresh environment.
      throw new IllegalStateException("Could not initialize Spring Boot application", e);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    HANDLER.proxyStream(input, output, context);
  }
}
