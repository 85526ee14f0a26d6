package com.cruddur.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import com.cruddur.telemetry.XRayRequests;

/** What the decorators describe a request by, read once from the API Gateway proxy event. */
record ProxyRequest(String route, String method, String path, String requestId, String sourceIp, String userAgent) {

  static ProxyRequest of(AwsProxyRequest request) {
    AwsProxyRequestContext context = request.getRequestContext();
    boolean identity = context != null && context.getIdentity() != null;
    return new ProxyRequest(XRayRequests.routeName(request.getHttpMethod(), request.getResource()),
        request.getHttpMethod(), request.getPath(), context == null ? null : context.getRequestId(),
        identity ? context.getIdentity().getSourceIp() : null,
        identity ? context.getIdentity().getUserAgent() : null);
  }
}
