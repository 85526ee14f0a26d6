package com.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart: before Lambda takes the snapshot, runs read-only requests through the whole edge (event parsing, the
 * logging/reporting/tracing decorators, Spring dispatch, Jackson, the DynamoDB client and its HTTP connections),
 * so that the classes they load and the code they run are in the snapshot rather than in the first user's request.
 * Nothing is written: the requests are a health check, the home feed, an unknown activity (404) and a create without
 * an identity (401, refused before anything is read).
 */
final class Priming implements Resource {

  private static final Logger log = LoggerFactory.getLogger(Priming.class);
  /** CRaC keeps resources weakly: this reference keeps ours alive until the checkpoint. */
  private static Priming registered;

  static final List<String> REQUESTS = List.of(
      request("GET", "/api/health-check", "/api/health-check", null),
      request("GET", "/api/activities/home", "/api/activities/home", null),
      request("GET", "/api/activities/00000000-0000-4000-8000-000000000000", "/api/activities/{activity_uuid}",
          "{\"activity_uuid\":\"00000000-0000-4000-8000-000000000000\"}"),
      request("POST", "/api/activities", "/api/activities", null));

  private final StreamLambdaHandler handler;

  Priming(StreamLambdaHandler handler) {
    this.handler = handler;
  }

  /** Registers the hooks when Lambda initialises this environment for a SnapStart snapshot. */
  static synchronized void registerForSnapStart(StreamLambdaHandler handler) {
    if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE")) && registered == null) {
      registered = new Priming(handler);
      Core.getGlobalContext().register(registered);
    }
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    log.info("Restored from the SnapStart snapshot");
  }

  /** Runs the priming requests; returns their status codes. Never throws: a failed priming only costs speed. */
  List<Integer> prime() {
    long start = System.nanoTime();
    List<Integer> statuses = new ArrayList<>();
    for (String event : REQUESTS) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, CONTEXT);
        String response = out.toString(StandardCharsets.UTF_8);
        int at = response.indexOf("\"statusCode\":");
        statuses.add(at < 0 ? -1 : Integer.parseInt(response.substring(at + 13).split("[,}]")[0].trim()));
      } catch (IOException | RuntimeException e) {
        log.warn("Priming request failed (the snapshot is taken anyway): {}", e.toString());
        statuses.add(-1);
      }
    }
    log.info("Primed the request path before the snapshot: statuses {} in {} ms", statuses,
        (System.nanoTime() - start) / 1_000_000);
    return statuses;
  }

  private static String request(String method, String path, String resource, String pathParameters) {
    return "{\"resource\":\"" + resource + "\",\"path\":\"" + path + "\",\"httpMethod\":\"" + method + "\","
        + "\"headers\":{\"Accept\":\"application/json\",\"Content-Type\":\"application/json\","
        + "\"User-Agent\":\"cruddur-priming\"},\"multiValueHeaders\":{\"Accept\":[\"application/json\"],"
        + "\"Content-Type\":[\"application/json\"],\"User-Agent\":[\"cruddur-priming\"]},"
        + "\"queryStringParameters\":null,"
        + "\"pathParameters\":" + pathParameters + ",\"requestContext\":{\"resourcePath\":\"" + resource
        + "\",\"httpMethod\":\"" + method + "\",\"path\":\"/prime" + path + "\",\"stage\":\"prime\","
        + "\"requestId\":\"priming\",\"identity\":{\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"cruddur-priming\"}},"
        + "\"body\":" + (method.equals("POST") ? "\"{\\\"message\\\":\\\"priming\\\",\\\"ttl\\\":\\\"1-hour\\\"}\"" : "null")
        + ",\"isBase64Encoded\":false}";
  }

  /** The Lambda context of a priming request: no real invocation stands behind it. */
  static final Context CONTEXT = new Context() {
    @Override
    public String getAwsRequestId() {
      return "priming";
    }

    @Override
    public String getLogGroupName() {
      return System.getenv().getOrDefault("AWS_LAMBDA_LOG_GROUP_NAME", "priming");
    }

    @Override
    public String getLogStreamName() {
      return System.getenv().getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", "priming");
    }

    @Override
    public String getFunctionName() {
      return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "priming");
    }

    @Override
    public String getFunctionVersion() {
      return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:priming";
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
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1536"));
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.out.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.out.write(message, 0, message.length);
        }
      };
    }
  };
}
