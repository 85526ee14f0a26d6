package com.cruddur.edge.lambda;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.xray.AWSXRayRecorder;
import com.cruddur.edge.EdgeObserver;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.platform.observe.report.ErrorReporter;
import com.cruddur.platform.observe.report.ErrorReporting;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.rollbar.api.payload.data.Level;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The Lambda edge for every API function (template.yaml): API Gateway REST proxy event in, proxy
 * response out, with the invocation decorators (logging context, error reporting, tracing) around
 * the Spring application.
 *
 * <p>Spring starts once per execution environment, in the static initialiser (Lambda's init phase).
 * If it cannot start, init fails loudly and Lambda retries with a fresh environment rather than
 * serving from a broken one.
 */
public final class StreamLambdaHandler implements RequestStreamHandler {

  private static final SpringBootLambdaContainerHandler<AwsProxyRequest, AwsProxyResponse> HANDLER;
  private static final ObjectReader EVENT_READER;
  private static final ObjectWriter RESPONSE_WRITER;
  private static final List<InvocationDecorator> DECORATORS;
  private static final ErrorReporter REPORTER;

  static {
    // log4j2 configures itself from log4j2.xml; Spring Boot re-initialising it would undo the level
    // Powertools applies (POWERTOOLS_LOG_LEVEL) and cost init time.
    System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    // First the logging context: it applies POWERTOOLS_LOG_LEVEL, which should govern init's own
    // lines too.
    LoggedInvocation logged = new LoggedInvocation();
    // JSON is UTF-8 (RFC 8259), and browsers send "application/json" without a charset.
    // serverless-java-container would otherwise decode such bodies as ISO-8859-1 and turn every
    // emoji into '?'.
    LambdaContainerHandler.getContainerConfig()
        .setDefaultContentCharset(StandardCharsets.UTF_8.name());
    SpringBootLambdaContainerHandler<AwsProxyRequest, AwsProxyResponse> handler;
    AWSXRayRecorder recorder;
    try {
      handler = SpringBootLambdaContainerHandler.getAwsProxyHandler(LambdaApplication.class);
      // The application is the one composition root: the edge takes the reporter and the recorder
      // from it.
      WebApplicationContext spring =
          WebApplicationContextUtils.getRequiredWebApplicationContext(handler.getServletContext());
      REPORTER = spring.getBean(ErrorReporter.class);
      recorder = spring.getBean(AWSXRayRecorder.class);
    } catch (ContainerInitializationException | RuntimeException e) {
      // The application's own reporter is one of the beans that did not come up: build one to say
      // so.
      ErrorReporting.lambda()
          .report(
              Level.CRITICAL, e, "Spring application failed to start", null, Duration.ofSeconds(2));
      throw new IllegalStateException("Spring application failed to start", e);
    }
    HANDLER = handler;
    // One access line per request, ours (cruddur.access). The container would add an Apache-style
    // line of its own, stamped with the event's time, whenever its logger is at INFO (every sampled
    // DEBUG invocation); with no formatter it writes none (LambdaContainerHandler.proxy skips a
    // null one).
    HANDLER.setLogFormatter(null);
    EVENT_READER = LambdaContainerHandler.getObjectMapper().readerFor(AwsProxyRequest.class);
    RESPONSE_WRITER = LambdaContainerHandler.getObjectMapper().writerFor(AwsProxyResponse.class);
    // Outermost first: the logging context wraps the trace, so every line (the access line too) has
    // the ids. Innermost the deadline, so that a request out of time is still traced, reported and
    // logged in time.
    DECORATORS =
        List.of(
            logged,
            new ObservedInvocation(EdgeObserver.standard(REPORTER)),
            new TracedInvocation(recorder),
            new DeadlineInvocation());
  }

  /**
   * One instance per environment (the runtime makes it); under SnapStart it also primes before the
   * snapshot.
   */
  public StreamLambdaHandler() {
    Priming.registerForSnapStart(this);
  }

  /** The reporter the application built (SnapStart's after-restore hook renews it). */
  static ErrorReporter reporter() {
    return REPORTER;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    AwsProxyRequest request = EVENT_READER.readValue(input);
    EdgeRequest described = LambdaRequests.of(request, context);
    AwsProxyResponse response =
        InvocationDecorator.chain(
            DECORATORS, described, context, () -> HANDLER.proxy(request, context));
    RESPONSE_WRITER.writeValue(output, response);
    output.flush();
  }
}
