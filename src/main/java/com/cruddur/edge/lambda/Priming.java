package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.ApiGatewayRequestIdentity;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.Headers;
import com.amazonaws.serverless.proxy.model.MultiValuedTreeMap;
import com.amazonaws.serverless.proxy.model.SingleValueHeaders;
import com.amazonaws.services.lambda.runtime.Context;
import com.cruddur.app.ServedRoutes;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.dynamo.Jitter;
import com.cruddur.platform.observe.report.ErrorReporting;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart: before Lambda takes the snapshot, runs read-only requests through the whole edge
 * (event parsing, the logging/reporting/tracing decorators, Spring dispatch, Jackson, the DynamoDB
 * client and its HTTP connections), so that the classes they load and the code they run are in the
 * snapshot rather than in the first user's request.
 *
 * <p>Each function primes only the routes it serves ({@value #ROUTES}, set per function in
 * template.yaml next to its Events; a test keeps the two equal), with requests its own role allows:
 * priming another route's reads would be refused by IAM (AccessDenied, a 500, an ERROR line and a
 * Rollbar item in every snapshot). Writes are primed with a request refused for want of an identity
 * (401) before anything is read. Nothing is written or reported.
 *
 * <p>After a restore, what must differ between environments restored from one snapshot is renewed:
 * the retry jitter's seed, and the Rollbar token if it could not be read before the snapshot.
 */
final class Priming implements Resource {

  /**
   * The routes this function serves, as API Gateway names them ({@code GET /api/activities/home}),
   * comma-separated.
   */
  static final String ROUTES = ServedRoutes.VARIABLE;

  private static final Logger log = LoggerFactory.getLogger(Priming.class);

  /**
   * The container's own mapper, so that the events are written as it reads them; without nulls, so
   * that an event without an identity has no authorizer at all, as the gateway sends it.
   */
  private static final ObjectMapper JSON =
      LambdaContainerHandler.getObjectMapper()
          .copy()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private static final ObjectReader RESPONSE_READER = JSON.readerFor(AwsProxyResponse.class);

  /** Each priming request's time, as if its function's timeout were 10 s. */
  private static final Duration REQUEST_TIME = Duration.ofSeconds(10);

  private static final String UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

  /** CRaC keeps resources weakly: this reference keeps ours alive until the checkpoint. */
  private static Priming registered;

  static final String HEALTH =
      request("GET", "/api/health-check", "/api/health-check", null, null, null);
  static final String HOME =
      request("GET", "/api/activities/home", "/api/activities/home", null, null, null);
  static final String UNKNOWN_ACTIVITY =
      request(
          "GET",
          "/api/activities/" + UNKNOWN_UUID,
          "/api/activities/{activity_uuid}",
          Map.of("activity_uuid", UNKNOWN_UUID),
          null,
          null);

  /**
   * A handle nobody has yet (a 404 after the profile read); were it taken, still a read of one
   * user's feed.
   */
  static final String USER_FEED =
      request(
          "GET",
          "/api/activities/@cruddur-priming",
          "/api/activities/{activity_uuid}",
          Map.of("activity_uuid", "@cruddur-priming"),
          null,
          null);

  static final String SEARCH =
      request(
          "GET",
          "/api/activities/search",
          "/api/activities/search",
          null,
          Map.of("term", "priming"),
          null);
  static final String NOTIFICATIONS_WITHOUT_IDENTITY =
      request(
          "GET",
          "/api/activities/notifications",
          "/api/activities/notifications",
          null,
          null,
          null);
  static final String CREATE_WITHOUT_IDENTITY =
      request(
          "POST",
          "/api/activities",
          "/api/activities",
          null,
          null,
          Map.of("message", "priming", "ttl", "1-hour"));
  static final String REPLY_WITHOUT_IDENTITY =
      request(
          "POST",
          "/api/activities/" + UNKNOWN_UUID + "/reply",
          "/api/activities/{activity_uuid}/reply",
          Map.of("activity_uuid", UNKNOWN_UUID),
          null,
          Map.of("message", "priming"));

  /**
   * The requests each route is primed with; every one is allowed by that route's function's role.
   */
  static final String MESSAGE_GROUPS_WITHOUT_IDENTITY =
      request("GET", "/api/message_groups", "/api/message_groups", null, null, null);

  static final String MESSAGES_WITHOUT_IDENTITY =
      request(
          "GET",
          "/api/messages/@cruddur-priming",
          "/api/messages/{handle}",
          Map.of("handle", "@cruddur-priming"),
          null,
          null);
  static final String MESSAGE_WITHOUT_IDENTITY =
      request(
          "POST",
          "/api/messages",
          "/api/messages",
          null,
          null,
          Map.of("message", "priming", "user_receiver_handle", "cruddur-priming"));

  /**
   * The requests each route is primed with; every one is allowed by that route's function's role.
   */
  static final Map<String, List<String>> BY_ROUTE =
      Map.ofEntries(
          Map.entry("GET /api/health-check", List.of(HEALTH)),
          // Its own request reports to Rollbar; the health check warms the same edge without
          // reporting.
          Map.entry("GET /rollbar/test", List.of(HEALTH)),
          Map.entry("GET /api/activities/home", List.of(HOME)),
          Map.entry("GET /api/activities/{activity_uuid}", List.of(UNKNOWN_ACTIVITY, USER_FEED)),
          Map.entry("GET /api/activities/search", List.of(SEARCH)),
          Map.entry("GET /api/activities/notifications", List.of(NOTIFICATIONS_WITHOUT_IDENTITY)),
          Map.entry("POST /api/activities", List.of(CREATE_WITHOUT_IDENTITY)),
          Map.entry("POST /api/activities/{activity_uuid}/reply", List.of(REPLY_WITHOUT_IDENTITY)),
          // Every messages route needs an identity: refused (401) before anything is read.
          Map.entry("GET /api/message_groups", List.of(MESSAGE_GROUPS_WITHOUT_IDENTITY)),
          Map.entry("GET /api/messages/{handle}", List.of(MESSAGES_WITHOUT_IDENTITY)),
          Map.entry("POST /api/messages", List.of(MESSAGE_WITHOUT_IDENTITY)));

  /**
   * One process serving the whole API with full read access (tests, bin/bench): one request of each
   * kind.
   */
  static final List<String> REQUESTS =
      List.of(HEALTH, HOME, UNKNOWN_ACTIVITY, CREATE_WITHOUT_IDENTITY);

  private final StreamLambdaHandler handler;
  private final List<String> requests;

  /** Primes the whole API ({@link #REQUESTS}). */
  Priming(StreamLambdaHandler handler) {
    this(handler, REQUESTS);
  }

  Priming(StreamLambdaHandler handler, List<String> requests) {
    this.handler = handler;
    this.requests = List.copyOf(requests);
  }

  /**
   * Primes the routes this function serves ({@value #ROUTES}). Without the variable nothing is
   * primed: a function that does not say what it serves may not be allowed to read anything, and
   * priming is only worth speed.
   */
  static Priming forThisFunction(StreamLambdaHandler handler) {
    return new Priming(handler, requestsFor(CruddurConfig.processValue(ROUTES)));
  }

  static List<String> requestsFor(String routes) {
    List<String> requests = new ArrayList<>();
    if (routes == null) {
      return requests;
    }
    for (String route :
        Arrays.stream(routes.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList()) {
      List<String> primed = BY_ROUTE.get(route);
      if (primed == null) {
        log.warn("No priming request for route {}; it is not primed", route);
      } else {
        primed.stream().filter(r -> !requests.contains(r)).forEach(requests::add);
      }
    }
    return requests;
  }

  /** Registers the hooks when Lambda initialises this environment for a SnapStart snapshot. */
  static synchronized void registerForSnapStart(StreamLambdaHandler handler) {
    if ("snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"))
        && registered == null) {
      registered = forThisFunction(handler);
      Core.getGlobalContext().register(registered);
    }
  }

  List<String> requests() {
    return requests;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Every environment restored from this snapshot would otherwise back off in step with the
    // others.
    Jitter.reseed();
    boolean reporting = ErrorReporting.afterRestore(StreamLambdaHandler.reporter());
    log.info(
        "Restored from the SnapStart snapshot (Rollbar reporting {})", reporting ? "on" : "off");
  }

  /**
   * Runs the priming requests; returns their status codes. Never throws: a failed priming only
   * costs speed.
   */
  List<Integer> prime() {
    long start = System.nanoTime();
    List<Integer> statuses = new ArrayList<>();
    for (String event : requests) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context());
        statuses.add(
            RESPONSE_READER.<AwsProxyResponse>readValue(out.toByteArray()).getStatusCode());
      } catch (IOException | RuntimeException e) {
        log.warn("Priming request failed (the snapshot is taken anyway): {}", e.toString());
        statuses.add(-1);
      }
    }
    log.info(
        "Primed the request path before the snapshot: statuses {} in {} ms",
        statuses,
        (System.nanoTime() - start) / 1_000_000);
    return statuses;
  }

  /** An API Gateway REST proxy event as the gateway sends it, with no authorizer (no identity). */
  private static String request(
      String method,
      String path,
      String resource,
      Map<String, String> pathParameters,
      Map<String, String> query,
      Map<String, String> body) {
    AwsProxyRequest event = new AwsProxyRequest();
    event.setResource(resource);
    event.setPath(path);
    event.setHttpMethod(method);
    SingleValueHeaders single = new SingleValueHeaders();
    Headers multi = new Headers();
    Map.of(
            "Accept",
            "application/json",
            "Content-Type",
            "application/json",
            "User-Agent",
            "cruddur-priming")
        .forEach(
            (name, value) -> {
              single.put(name, value);
              multi.add(name, value);
            });
    event.setHeaders(single);
    event.setMultiValueHeaders(multi);
    if (query != null) {
      MultiValuedTreeMap<String, String> multiQuery = new MultiValuedTreeMap<>();
      query.forEach(multiQuery::add);
      event.setQueryStringParameters(query);
      event.setMultiValueQueryStringParameters(multiQuery);
    }
    if (pathParameters != null) {
      event.setPathParameters(pathParameters);
    }
    AwsProxyRequestContext context = new AwsProxyRequestContext();
    context.setResourcePath(resource);
    context.setHttpMethod(method);
    context.setPath("/prime" + path);
    context.setStage("prime");
    context.setRequestId("priming");
    ApiGatewayRequestIdentity identity = new ApiGatewayRequestIdentity();
    identity.setSourceIp("127.0.0.1");
    identity.setUserAgent("cruddur-priming");
    context.setIdentity(identity);
    event.setRequestContext(context);
    try {
      if (body != null) {
        event.setBody(JSON.writeValueAsString(new TreeMap<>(body))); // a stable order
      }
      return JSON.writerFor(AwsProxyRequest.class).writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Lambda context of a priming request: no real invocation stands behind it. */
  private static Context context() {
    Map<String, String> environment = System.getenv();
    return new SyntheticContext(
        "priming",
        environment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "priming"),
        environment.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
        "arn:aws:lambda:priming",
        environment.getOrDefault("AWS_LAMBDA_LOG_GROUP_NAME", "priming"),
        environment.getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", "priming"),
        Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1536")),
        System.nanoTime() + REQUEST_TIME.toNanos(),
        null);
  }
}
