package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Subsegment;
import com.cruddur.edge.EdgeRequest;
import com.cruddur.platform.observe.log.LogFields;
import com.cruddur.platform.observe.trace.XRayRequests;
import java.util.function.Supplier;

/**
 * One X-Ray subsegment per invocation, under the function segment Lambda owns, named after the API
 * route (e.g. {@code GET /api/activities/:activity_uuid}), with the HTTP request and response, and
 * marked the way X-Ray colours it: 4xx error, 429 throttle, 5xx fault. The services' subsegments
 * and DynamoDB's nest inside it. The ids go into the logging context, so every log line of the
 * request carries them.
 */
final class TracedInvocation implements InvocationDecorator {

  private final AWSXRayRecorder recorder;

  TracedInvocation(AWSXRayRecorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public AwsProxyResponse around(
      EdgeRequest request, Context context, Supplier<AwsProxyResponse> next) {
    Subsegment subsegment =
        XRayRequests.begin(
            recorder,
            request.route(),
            request.method(),
            request.path(),
            request.userAgent(),
            request.sourceIp());
    LogFields.putTrace(
        subsegment == null ? null : subsegment.getParentSegment().getTraceId().toString(),
        subsegment == null ? null : subsegment.getId());
    try {
      AwsProxyResponse response = next.get();
      XRayRequests.end(subsegment, response.getStatusCode(), response.getBody());
      return response;
    } catch (RuntimeException e) {
      XRayRequests.fail(subsegment, e);
      throw e;
    } finally {
      XRayRequests.close(recorder, subsegment);
    }
  }
}
