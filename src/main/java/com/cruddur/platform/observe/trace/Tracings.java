package com.cruddur.platform.observe.trace;

import com.amazonaws.xray.AWSXRayRecorder;

/**
 * The tracing a Lambda function uses: X-Ray always, OpenTelemetry too when the ADOT layer provides
 * it.
 */
public final class Tracings {

  private Tracings() {}

  public static Tracing lambda(AWSXRayRecorder recorder, FailureKind.Classifier classifier) {
    Tracing xray = new XRayTracing(recorder, classifier);
    return Otel.PRESENT ? OtelBridge.withLayerSdk(xray, classifier) : xray;
  }
}
