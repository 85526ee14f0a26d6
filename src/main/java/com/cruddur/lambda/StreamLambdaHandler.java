package com.cruddur.lambda;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.cruddur.telemetry.XRay;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Lambda edge for every API function (template.yaml): API Gateway REST proxy event in, proxy response out, with
 * the invocation decorators (logging context, tracing; later error reporting) around the Spring application.
 *
 * <p>Spring starts once per execution environment, in the static initialiser (Lambda's init phase). If it cannot
 * start, init fails loudly and Lambda retries with a fresh environment rather than serving from a broken one.
 */
public final class StreamLambdaHandler implements RequestStreamHandler {

  private static final SpringBootLambdaContainerHandler<AwsProxyRequest, AwsProxyResponse> HANDLER;
  private static final ObjectReader EVENT_READER;
  private static final ObjectWriter RESPONSE_WRITER;
  private static final List<InvocationDecorator> DECORATORS;

  static {
    // JSON is UTF-8 (RFC 8259), and browsers send "application/json" without a charset. serverless-java-container
    // would otherwise decode such bodies as ISO-8859-1 and turn every emoji into '?'.
    LambdaContainerHandler.getContainerConfig().setDefaultContentCharset(StandardCharsets.UTF_8.name());
    try {
      HANDLER = SpringBootLambdaContainerHandler.getAwsProxyHandler(LambdaApplication.class);
    } catch (ContainerInitializationException e) {
      throw new IllegalStateException("Spring application failed to start", e);
    }
    EVENT_READER = LambdaContainerHandler.getObjectMapper().readerFor(AwsProxyRequest.class);
    RESPONSE_WRITER = LambdaContainerHandler.getObjectMapper().writerFor(AwsProxyResponse.class);
    // Outermost first: the logging context wraps the trace, so every line (the access line too) has the ids.
    DECORATORS = List.of(new LoggedInvocation(), new TracedInvocation(XRay.lambdaRecorder()));
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    AwsProxyRequest request = EVENT_READER.readValue(input);
    AwsProxyResponse response =
        InvocationDecorator.chain(DECORATORS, request, context, () -> HANDLER.proxy(request, context));
    RESPONSE_WRITER.writeValue(output, response);
    output.flush();
  }
}
