package com.cruddur.platform.observe.log;

import com.cruddur.platform.observe.trace.Otel;
import com.cruddur.platform.observe.trace.OtelBridge;
import java.util.List;
import org.slf4j.MDC;

/**
 * Names of the log fields this application adds to Powertools' (README "Logs" lists them all; the
 * saved Logs Insights queries are checked against them). Per-request values live in the SLF4J MDC,
 * which the edges clear after every request.
 */
public final class LogFields {

  /**
   * The trace id in OpenTelemetry's 32-hex form, equal to the X-Ray trace id without "1-" and the
   * dash.
   */
  public static final String TRACE_ID = "trace_id";

  /** The id of the span (X-Ray subsegment) that covers the request. */
  public static final String SPAN_ID = "span_id";

  /** The signed-in user's handle, once known. */
  public static final String HANDLE = "handle";

  // The access line's fields (typed JSON, not MDC strings, so Logs Insights can compute on them).
  public static final String ROUTE = "route";
  public static final String METHOD = "method";
  public static final String PATH = "path";
  public static final String STATUS = "status";
  public static final String DURATION_MS = "duration_ms";
  public static final String SOURCE_IP = "source_ip";
  public static final String USER_AGENT = "user_agent";

  // The line each Rollbar report writes.
  public static final String ROLLBAR_UUID = "rollbar_uuid";
  public static final String ROLLBAR_LEVEL = "rollbar_level";

  /** Every field our code adds, for the query contract test. */
  public static final List<String> ADDED =
      List.of(
          TRACE_ID,
          SPAN_ID,
          HANDLE,
          ROUTE,
          METHOD,
          PATH,
          STATUS,
          DURATION_MS,
          SOURCE_IP,
          USER_AGENT,
          ROLLBAR_UUID,
          ROLLBAR_LEVEL);

  private LogFields() {}

  /**
   * Puts both forms of the trace id into the MDC: the X-Ray one, and the OpenTelemetry one with the
   * current span's id. Where OpenTelemetry is active its ids are used (they equal the X-Ray trace
   * id by design); otherwise the X-Ray id is converted and the X-Ray entity's id stands in for the
   * span.
   */
  public static void putTrace(String xrayTraceId, String xraySpanId) {
    boolean xray = xrayTraceId != null && xrayTraceId.matches("1-[0-9a-f]{8}-[0-9a-f]{24}");
    if (xray) {
      MDC.put("xray_trace_id", xrayTraceId);
    }
    String[] otel = Otel.PRESENT ? OtelBridge.currentIds() : null;
    if (otel != null) {
      MDC.put(TRACE_ID, otel[0]);
      MDC.put(SPAN_ID, otel[1]);
    } else if (xray) {
      MDC.put(TRACE_ID, otelTraceId(xrayTraceId));
      if (xraySpanId != null) {
        MDC.put(SPAN_ID, xraySpanId);
      }
    }
  }

  public static String otelTraceId(String xrayTraceId) {
    return xrayTraceId.substring(2).replace("-", "");
  }

  public static void putHandle(String handle) {
    MDC.put(HANDLE, handle);
    if (Otel.PRESENT) {
      OtelBridge.describeUser(handle);
    }
  }
}
