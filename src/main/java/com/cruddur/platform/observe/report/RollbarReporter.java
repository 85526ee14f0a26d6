package com.cruddur.platform.observe.report;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.cruddur.platform.observe.log.LogFields;
import com.rollbar.api.payload.Payload;
import com.rollbar.api.payload.data.Data;
import com.rollbar.api.payload.data.Level;
import com.rollbar.api.payload.data.Person;
import com.rollbar.api.payload.data.Request;
import com.rollbar.api.payload.data.body.Body;
import com.rollbar.notifier.Rollbar;
import com.rollbar.notifier.config.ConfigBuilder;
import com.rollbar.notifier.sender.listener.SenderListener;
import com.rollbar.notifier.sender.result.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Rollbar items, sent synchronously before the response within a time budget, carrying the request
 * (scrubbed), the person, both trace ids and the Lambda context from the logging context, the
 * environment (stage) and the code version. The outcome of every report is one log line ({@code
 * rollbar_uuid} on success).
 */
public final class RollbarReporter implements ErrorReporter {

  /** Fields of the logging context copied into each item's custom data. */
  static final List<String> CONTEXT_FIELDS =
      List.of(
          "xray_trace_id",
          LogFields.TRACE_ID,
          LogFields.SPAN_ID,
          "function_name",
          "function_version",
          "function_request_id",
          "cold_start",
          "correlation_id");

  private static final Duration MINIMUM = Duration.ofMillis(100);
  private static final Logger log = LoggerFactory.getLogger(RollbarReporter.class);
  private static final ThreadLocal<ReportedRequest> REQUEST = new ThreadLocal<>();

  private final Rollbar rollbar;
  private final Duration budget;

  private RollbarReporter(Rollbar rollbar, Duration budget) {
    this.rollbar = rollbar;
    this.budget = budget;
  }

  /** Reporting on when a token is found; otherwise off, said once in the log. Never throws. */
  public static ErrorReporter create(RollbarSettings settings) {
    Optional<String> token;
    try {
      token = RollbarToken.resolve(settings);
    } catch (RuntimeException e) {
      token = Optional.empty();
    }
    if (token.isEmpty()) {
      log.info(
          "Rollbar reporting is off: no token ({} or {} not set or unreadable)",
          RollbarSettings.ACCESS_TOKEN,
          RollbarSettings.TOKEN_SECRET_ARN);
      return ErrorReporter.OFF;
    }
    BoundedSender sender = new BoundedSender(settings.endpoint(), token.get());
    sender.addListener(new OutcomeLog());
    Rollbar rollbar =
        new Rollbar(
            ConfigBuilder.withAccessToken(token.get())
                .environment(settings.environment())
                .codeVersion(settings.codeVersion())
                .platform(settings.platform())
                .framework("spring-boot")
                .appPackages(List.of("com.cruddur"))
                // On Lambda the runtime catches handler exceptions itself; a JVM-wide handler would
                // only add noise.
                .handleUncaughtErrors(false)
                .sender(sender)
                .context(() -> REQUEST.get() == null ? null : REQUEST.get().route())
                .request(RollbarReporter::request)
                .person(RollbarReporter::person)
                .custom(RollbarReporter::custom)
                .transformer(RollbarReporter::withoutThreadsOrSecrets)
                .build());
    log.info(
        "Rollbar reporting is on (environment {}, code version {})",
        settings.environment(),
        settings.codeVersion());
    return new RollbarReporter(rollbar, settings.budget());
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void report(
      Level level, Throwable error, String message, ReportedRequest request, Duration available) {
    Duration limit = available.compareTo(budget) < 0 ? available : budget;
    if (limit.compareTo(MINIMUM) < 0) {
      log.warn(
          "Not reported to Rollbar: only {} ms left in the invocation",
          Math.max(0, limit.toMillis()));
      return;
    }
    REQUEST.set(request);
    BoundedSender.limit(limit);
    try {
      if (error != null) {
        rollbar.log(error, null, message, level);
      } else {
        rollbar.log(message, level);
      }
    } catch (RuntimeException e) {
      log.warn("Rollbar report failed before sending: {}", e.toString());
    } finally {
      BoundedSender.clearLimit();
      REQUEST.remove();
    }
  }

  private static Request request() {
    ReportedRequest r = REQUEST.get();
    if (r == null) {
      return null;
    }
    Request.Builder builder =
        new Request.Builder()
            .method(r.method())
            .url(r.path())
            .headers(r.headers())
            .get(r.query())
            .userIp(r.userIp());
    if (r.body() != null) {
      builder.body(r.body());
    }
    return builder.build();
  }

  private static Person person() {
    String handle = MDC.get(LogFields.HANDLE);
    return handle == null ? null : new Person.Builder().id(handle).username(handle).build();
  }

  private static Map<String, Object> custom() {
    Map<String, Object> custom = new LinkedHashMap<>();
    for (String field : CONTEXT_FIELDS) {
      String value = MDC.get(field);
      if (value != null) {
        custom.put(field, value);
      }
    }
    ReportedRequest r = REQUEST.get();
    if (r != null && r.route() != null) {
      custom.put(LogFields.ROUTE, r.route());
    }
    return custom;
  }

  /**
   * No JVM thread dumps (rollbar-java adds every thread's stack), no telemetry, and a last pass
   * over custom data.
   */
  private static Data withoutThreadsOrSecrets(Data data) {
    Data.Builder builder = new Data.Builder(data).custom(Scrubber.map(data.getCustom()));
    if (data.getBody() != null) {
      builder.body(
          new Body.Builder(data.getBody()).rollbarThreads(null).telemetryEvents(null).build());
    }
    return builder.build();
  }

  /** One log line per report, so "what did we send to Rollbar" is a Logs Insights query. */
  private static final class OutcomeLog implements SenderListener {
    @Override
    public void onResponse(Payload payload, Response response) {
      String level =
          payload.getData().getLevel() == null
              ? null
              : payload.getData().getLevel().asJson().toString();
      if (response.getResult().isError()) {
        log.warn(
            "Rollbar refused the report (HTTP {}): {}",
            response.getStatus(),
            response.getResult().getContent(),
            entry(LogFields.ROLLBAR_LEVEL, level));
      } else {
        log.info(
            "Reported to Rollbar",
            entry(LogFields.ROLLBAR_UUID, response.getResult().getContent()),
            entry(LogFields.ROLLBAR_LEVEL, level));
      }
    }

    @Override
    public void onError(Payload payload, Exception error) {
      log.warn("Rollbar report not delivered: {}", error.toString());
    }
  }
}
