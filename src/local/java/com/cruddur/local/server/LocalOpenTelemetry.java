package com.cruddur.local.server;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local server's OpenTelemetry SDK, configured only by the standard variables ({@code
 * OTEL_SERVICE_NAME}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_HEADERS}, …).
 * With no exporter endpoint set nothing is exported: the SDK is not even built. Spans leave on a
 * background thread, so an exporter that is down, slow or refusing never holds up a request; its
 * first failure is logged once, with the cause, then its recovery.
 */
final class LocalOpenTelemetry implements AutoCloseable {

  /** The variables that switch exporting on; without one of them nothing is exported. */
  static final List<String> ENDPOINTS =
      List.of("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");

  /**
   * The standard variables read here (they may also come from -D system properties or Spring
   * properties).
   */
  static final List<String> SETTINGS =
      List.of(
          "OTEL_SERVICE_NAME",
          "OTEL_RESOURCE_ATTRIBUTES",
          "OTEL_EXPORTER_OTLP_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          "OTEL_EXPORTER_OTLP_HEADERS",
          "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
          "OTEL_EXPORTER_OTLP_PROTOCOL",
          "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
          "OTEL_EXPORTER_OTLP_TIMEOUT",
          "OTEL_EXPORTER_OTLP_COMPRESSION",
          "OTEL_TRACES_SAMPLER",
          "OTEL_TRACES_SAMPLER_ARG",
          "OTEL_PROPAGATORS",
          "OTEL_BSP_SCHEDULE_DELAY",
          "OTEL_SDK_DISABLED");

  private static final Logger log = LoggerFactory.getLogger(LocalOpenTelemetry.class);

  /**
   * OpenTelemetry's exporters log every failure through java.util.logging; ours says it once,
   * clearly.
   */
  private static final java.util.logging.Logger EXPORTER_LOGS =
      java.util.logging.Logger.getLogger("io.opentelemetry.exporter");

  private final OpenTelemetrySdk sdk;

  private LocalOpenTelemetry(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  static LocalOpenTelemetry create(UnaryOperator<String> lookup) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String name : SETTINGS) {
      String value = lookup.apply(name);
      if (value != null && !value.isBlank()) {
        properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    }
    boolean exporting =
        ENDPOINTS.stream()
            .anyMatch(n -> properties.containsKey(n.toLowerCase(Locale.ROOT).replace('_', '.')));
    if (!exporting) {
      log.info(
          "OpenTelemetry export is off: set OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_EXPORTER_OTLP_HEADERS) to send"
              + " spans, e.g. to Honeycomb");
      return new LocalOpenTelemetry(null);
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("otel.service.name", "cruddur");
    // OTLP over HTTP with protobuf: what Honeycomb and collectors accept, with the JDK's own HTTP
    // client.
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    defaults.put("otel.propagators", "tracecontext,baggage,xray");
    defaults.put("otel.exporter.otlp.timeout", "5000");
    defaults.putAll(properties);
    EXPORTER_LOGS.setLevel(Level.OFF);
    OpenTelemetrySdk sdk;
    try {
      sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(() -> defaults)
              .addSpanExporterCustomizer((exporter, config) -> new ReportingExporter(exporter))
              .disableShutdownHook()
              .build()
              .getOpenTelemetrySdk();
    } catch (RuntimeException invalid) {
      // A telemetry setting must never keep the server from starting: say what is wrong and run
      // without export.
      log.warn(
          "OpenTelemetry export is off: the OTEL_* settings are invalid ({}); run bin/doctor. The local server"
              + " exports over HTTP only: OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf (the default) or"
              + " http/json",
          invalid.getMessage());
      return new LocalOpenTelemetry(null);
    }
    log.info(
        "OpenTelemetry exports spans to {} as service {}",
        properties.getOrDefault(
            "otel.exporter.otlp.traces.endpoint", properties.get("otel.exporter.otlp.endpoint")),
        defaults.get("otel.service.name"));
    return new LocalOpenTelemetry(sdk);
  }

  OpenTelemetry openTelemetry() {
    return sdk == null ? OpenTelemetry.noop() : sdk;
  }

  boolean exporting() {
    return sdk != null;
  }

  /** Exports what is still buffered and stops. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Says once why exports fail (e.g. 401: the x-honeycomb-team key), and once when they work again.
   */
  static final class ReportingExporter implements SpanExporter {
    private final SpanExporter delegate;
    private final AtomicBoolean failing = new AtomicBoolean();

    ReportingExporter(SpanExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      CompletableResultCode result = delegate.export(spans);
      result.whenComplete(
          () -> {
            if (result.isSuccess()) {
              if (failing.compareAndSet(true, false)) {
                log.info("OpenTelemetry spans are being exported again");
              }
            } else if (failing.compareAndSet(false, true)) {
              log.warn(
                  "OpenTelemetry spans are not being exported: {} (said once until it works again; run bin/doctor"
                      + " --online to check the endpoint and key)",
                  describe(result.getFailureThrowable()));
            }
          });
      return result;
    }

    static String describe(Throwable failure) {
      if (failure instanceof FailedExportException.HttpExportException http) {
        if (http.failedWithResponse() && http.getResponse() != null) {
          int status = http.getResponse().statusCode();
          return "HTTP "
              + status
              + (status == 401 || status == 403
                  ? " (the endpoint refused the key in OTEL_EXPORTER_OTLP_HEADERS x-honeycomb-team=…)"
                  : "");
        }
        failure = http.getCause();
      }
      return failure == null
          ? "no answer within the export timeout"
          : failure.getClass().getSimpleName()
              + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }
}
