package com.cruddur.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOpenTelemetryTest {

  @Test
  void withNoEndpointNothingIsBuiltAndTracingIsANoOp() {
    try (LocalOpenTelemetry otel =
        LocalOpenTelemetry.create(
            Map.of("OTEL_SERVICE_NAME", "x", "OTEL_EXPORTER_OTLP_HEADERS", "x-honeycomb-team=fake")
                ::get)) {
      assertThat(otel.exporting()).isFalse();
      var span = otel.openTelemetry().getTracer("t").spanBuilder("s").startSpan();
      assertThat(span.getSpanContext().isValid()).isFalse();
      span.end();
    }
  }

  @Test
  void anEndpointAloneTurnsExportOn() {
    try (LocalOpenTelemetry otel =
        LocalOpenTelemetry.create(
            Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")::get)) {
      assertThat(otel.exporting()).isTrue();
      assertThat(
              otel.openTelemetry()
                  .getTracer("t")
                  .spanBuilder("s")
                  .startSpan()
                  .getSpanContext()
                  .isValid())
          .isTrue();
    }
  }
}
