package com.cruddur.local.sam;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a template.yaml function's handler in this JVM the way the Lambda Java runtime does: the
 * handler class named by the template (Globals applied) is instantiated once and reused; each
 * invocation gets the trace header system property, a Context with a request id and a deadline from
 * the function's Timeout, and the raw event bytes (a {@link RequestStreamHandler} sees exactly what
 * API Gateway sends).
 *
 * <p>The function's Environment is applied as JVM system properties of the same names for the
 * invocation (the process environment cannot change), which the application reads like environment
 * variables. As in Lambda, a handler class initialises once per JVM, with the environment present
 * at that moment.
 */
public final class LambdaHarness {

  /** Values for the logical ids and pseudo parameters a local run can know. */
  public static Map<String, String> localNames(String tableName) {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("ActivitiesTable", tableName);
    // The app client of the stack's own pool; the events/ fixtures' tokens come from it.
    names.put("UserPoolClient", "exampleclientid0000000000");
    names.put("AWS::Region", "us-east-1");
    names.put("AWS::AccountId", "123456789012");
    names.put("AWS::StackName", "cruddur-local");
    names.put("AWS::Partition", "aws");
    names.put("AWS::URLSuffix", "amazonaws.com");
    return names;
  }

  /** One finished invocation: what the handler wrote, and the identifiers the runtime gave it. */
  public record Invocation(
      String functionId,
      String functionName,
      String requestId,
      TraceHeader trace,
      byte[] output,
      long durationNanos) {

    public JsonNode json() {
      try {
        return JSON.readTree(output);
      } catch (IOException e) {
        throw new IllegalStateException("handler output is not JSON", e);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE_HEADER = "X-Amzn-Trace-Id";
  private static final Pattern DYNAMIC_REFERENCE = Pattern.compile("\\{\\{resolve:[^}]+}}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SamTemplate template;
  private final Map<String, String> names;
  private final Map<String, String> extraEnvironment;
  private final UnaryOperator<String> dynamicReferences;
  private final Map<String, Object> handlers = new ConcurrentHashMap<>();

  /**
   * @param names values for logical ids and pseudo parameters (see {@link #localNames})
   * @param extraEnvironment variables a local run adds to every function, e.g. the DynamoDB Local
   *     endpoint
   */
  public LambdaHarness(
      SamTemplate template, Map<String, String> names, Map<String, String> extraEnvironment) {
    this(
        template,
        names,
        extraEnvironment,
        reference -> {
          throw new IllegalArgumentException(
              reference
                  + " is resolved by CloudFormation at deploy time; a local run"
                  + " needs its value given explicitly");
        });
  }

  /**
   * @param dynamicReferences the value of a {@code {{resolve:…}}} dynamic reference, which
   *     CloudFormation resolves at deploy time (e.g. a Secrets Manager secret); tests give obvious
   *     fakes
   */
  public LambdaHarness(
      SamTemplate template,
      Map<String, String> names,
      Map<String, String> extraEnvironment,
      UnaryOperator<String> dynamicReferences) {
    this.template = template;
    this.names = Map.copyOf(names);
    this.extraEnvironment = Map.copyOf(extraEnvironment);
    this.dynamicReferences = dynamicReferences;
  }

  public SamTemplate template() {
    return template;
  }

  /** The values this harness resolves logical ids and pseudo parameters to. */
  public Map<String, String> names() {
    return names;
  }

  /** The function's environment as Lambda would set it, resolved locally. */
  public Map<String, String> environment(String functionId) {
    SamTemplate.FunctionSpec function = template.function(functionId);
    Map<String, String> environment = new LinkedHashMap<>();
    function
        .environment()
        .forEach(
            (name, value) -> {
              if (extraEnvironment.containsKey(name)) {
                return; // given explicitly (like sam local invoke --env-vars): the template's value
                // is not needed
              }
              String resolved = template.resolve(value, names);
              if (resolved != null) { // AWS::NoValue: CloudFormation leaves the variable out
                environment.put(name, resolveDynamicReferences(resolved));
              }
            });
    environment.putAll(extraEnvironment);
    return environment;
  }

  private String resolveDynamicReferences(String value) {
    Matcher matcher = DYNAMIC_REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(dynamicReferences.apply(matcher.group())));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  public String functionName(String functionId) {
    Object name = template.function(functionId).functionName();
    return name == null ? functionId : template.resolve(name, names);
  }

  /**
   * Invokes with a new sampled trace header, as Lambda does under active tracing for a sampled
   * request.
   */
  public Invocation invoke(String functionId, byte[] event) {
    return invoke(functionId, event, TraceHeader.newSampled(Instant.now()));
  }

  public Invocation invoke(String functionId, byte[] event, TraceHeader trace) {
    SamTemplate.FunctionSpec function = template.function(functionId);
    return withEnvironment(functionId, () -> invoke(function, event, trace));
  }

  /**
   * Runs {@code action} with the function's environment, as code outside an invocation sees it
   * (e.g. SnapStart's hooks before the snapshot and after a restore).
   */
  public <T> T withEnvironment(String functionId, Supplier<T> action) {
    // The function's environment holds for the action (and the handler's one-time init inside it),
    // then the JVM's own settings are put back, so the harness leaves nothing behind for other code
    // in the same JVM.
    Map<String, String> previous = new LinkedHashMap<>();
    environment(functionId)
        .forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
    try {
      return action.get();
    } finally {
      previous.forEach(
          (name, value) -> {
            if (value == null) {
              System.clearProperty(name);
            } else {
              System.setProperty(name, value);
            }
          });
    }
  }

  private Invocation invoke(SamTemplate.FunctionSpec function, byte[] event, TraceHeader trace) {
    String functionId = function.logicalId();
    String[] handlerName = function.handler().split("::", 2);
    if (OtelLayer.wraps(environment(functionId))) {
      // As under the ADOT layer's exec wrapper: the OpenTelemetry Lambda wrapper is the handler,
      // and runs ours.
      if (!OtelLayer.activeFor(function.handler())) {
        throw new IllegalStateException(
            functionId
                + " runs under the ADOT layer's exec wrapper, which needs "
                + OtelLayer.HANDLER_VARIABLE
                + " in the process environment: start the JVM with"
                + " OtelLayer.scriptEnvironment(...) as the tests' LambdaProcess does");
      }
      handlerName = new String[] {OtelLayer.WRAPPER_CLASS, "handleRequest"};
    }
    Object handler = handlers.computeIfAbsent(handlerName[0], LambdaHarness::instantiate);
    event = withApiGatewayTraceHeader(event, trace);

    String requestId = UUID.randomUUID().toString();
    String functionName = functionName(functionId);
    long start = System.nanoTime();
    Context context =
        new HarnessContext(
            requestId,
            functionName,
            function.memorySize(),
            start + function.timeoutSeconds() * 1_000_000_000L,
            names.getOrDefault("AWS::Region", "us-east-1"),
            trace.toString());
    System.setProperty(TraceHeader.SYSTEM_PROPERTY, trace.toString());
    try {
      byte[] output =
          call(handler, handlerName.length > 1 ? handlerName[1] : "handleRequest", event, context);
      return new Invocation(
          functionId, functionName, requestId, trace, output, System.nanoTime() - start);
    } finally {
      System.clearProperty(TraceHeader.SYSTEM_PROPERTY);
    }
  }

  /**
   * With tracing on, API Gateway passes its trace header to the function: the invocation's Root,
   * its own segment as Parent. An event file's header is replaced by that, as the gateway would, so
   * that the trace id the event carries (which OpenTelemetry's xray propagator reads) is the
   * invocation's. Other events are left as they are.
   */
  static byte[] withApiGatewayTraceHeader(byte[] event, TraceHeader trace) {
    JsonNode root;
    try {
      root = JSON.readTree(event);
    } catch (IOException notJson) {
      return event;
    }
    if (!(root instanceof ObjectNode proxy)
        || !proxy.has("httpMethod")
        || !proxy.has("requestContext")) {
      return event;
    }
    byte[] parent = new byte[8];
    RANDOM.nextBytes(parent);
    String header =
        new TraceHeader(trace.root(), HexFormat.of().formatHex(parent), trace.sampled()).toString();
    ObjectNode headers =
        proxy.get("headers") instanceof ObjectNode h ? h : proxy.putObject("headers");
    List<String> existing = new ArrayList<>();
    headers
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (name.equalsIgnoreCase(TRACE_HEADER)) {
                existing.add(name);
              }
            });
    existing.forEach(headers::remove);
    headers.put(TRACE_HEADER, header);
    if (proxy.get("multiValueHeaders") instanceof ObjectNode multi) {
      existing.clear();
      multi
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (name.equalsIgnoreCase(TRACE_HEADER)) {
                  existing.add(name);
                }
              });
      existing.forEach(multi::remove);
      multi.putArray(TRACE_HEADER).add(header);
    }
    try {
      return JSON.writeValueAsBytes(proxy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] call(Object handler, String method, byte[] event, Context context) {
    try {
      if (handler instanceof RequestStreamHandler stream && "handleRequest".equals(method)) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        stream.handleRequest(new ByteArrayInputStream(event), output, context);
        return output.toByteArray();
      }
      if (handler instanceof RequestHandler<?, ?>) {
        Method target = typedHandleRequest(handler.getClass(), method);
        Object input = JSON.readValue(event, target.getParameterTypes()[0]);
        return JSON.writeValueAsBytes(target.invoke(handler, input, context));
      }
      throw new IllegalArgumentException(handler.getClass() + " is not a Lambda handler");
    } catch (InvocationTargetException e) {
      throw new HandlerFailedException(e.getCause());
    } catch (IOException | IllegalAccessException e) {
      throw new HandlerFailedException(e);
    }
  }

  /** The handleRequest(X, Context) declared by the class, not the erased bridge method. */
  private static Method typedHandleRequest(Class<?> type, String name) {
    Method found = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == 2
          && !m.isBridge()
          && Context.class.equals(m.getParameterTypes()[1])) {
        found = m;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(type + " has no " + name + "(input, Context)");
    }
    return found;
  }

  private static Object instantiate(String className) {
    try {
      return Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create handler " + className, e);
    }
  }

  /** The handler threw: in Lambda this is an invocation error (API Gateway answers 502). */
  public static final class HandlerFailedException extends RuntimeException {
    HandlerFailedException(Throwable cause) {
      super("handler failed: " + cause, cause);
    }
  }
}
