package com.cruddur.telemetry;

import com.amazonaws.xray.AWSXRayRecorder;

/** The tracing a Lambda function uses: X-Ray always, OpenTelemetry too when the ADOT layer provides it. */
public final class Tracings {

  private Tracings() {}

  public static Tracing lambda(AWSXRayRecorder recorder) {
    Tracing xray = new XRayTracing(recorder);
    return Otel.PRESENT ? OtelBridge.withLayerSdk(xray) : xray;
  }
}
