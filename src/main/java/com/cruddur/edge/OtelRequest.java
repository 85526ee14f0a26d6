package com.cruddur.edge;

import com.cruddur.platform.observe.trace.OtelBridge;

/**
 * Names the current OpenTelemetry span (the layer's invocation span, or the local server span)
 * after the route, with the HTTP request and the status, so Honeycomb groups requests by route.
 * Only used when OpenTelemetry is present.
 */
final class OtelRequest implements EdgeObserver {

  @Override
  public void observe(EdgeRequest request, Outcome outcome) {
    OtelBridge.describeRequest(
        request.route(), request.method(), request.path(), request.userAgent(), request.sourceIp());
    OtelBridge.describeStatus(outcome.status());
  }
}
