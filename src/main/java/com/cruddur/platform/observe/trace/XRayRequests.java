package com.cruddur.platform.observe.trace;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Subsegment;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request subsegment the Lambda edge opens per invocation, every X-Ray call guarded. */
public final class XRayRequests {

  private XRayRequests() {}

  /**
   * X-Ray names allow letters, digits, spaces and {@code _ . : / % & # = + \ - @} only, so the API
   * Gateway resource the route {@code GET /api/activities/{activity_uuid}} is named {@code GET
   * /api/activities/:activity_uuid}.
   */
  public static String name(String route) {
    return route
        .replaceAll("\\{([^}+]*)\\+?}", ":$1")
        .replaceAll("[^\\p{L}\\p{N} _.:/%&#=+\\\\@-]", "_");
  }

  /**
   * Begins the request's subsegment, named and annotated with the X-Ray rendering of {@code route}.
   */
  public static Subsegment begin(
      AWSXRayRecorder recorder,
      String route,
      String method,
      String path,
      String userAgent,
      String clientIp) {
    String name = name(route);
    Subsegment subsegment = XRay.quietly(() -> recorder.beginSubsegment(name), null);
    if (subsegment != null) {
      XRay.quietly(
          () -> {
            subsegment.putAnnotation("route", name);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("method", method);
            request.put("url", path);
            if (userAgent != null) {
              request.put("user_agent", userAgent);
            }
            if (clientIp != null) {
              request.put("client_ip", clientIp);
            }
            subsegment.putHttp("request", request);
          });
    }
    return subsegment;
  }

  public static void end(Subsegment subsegment, int status, String body) {
    if (subsegment == null) {
      return;
    }
    XRay.quietly(
        () -> {
          Map<String, Object> response = new LinkedHashMap<>();
          response.put("status", status);
          if (body != null) {
            response.put("content_length", body.getBytes(StandardCharsets.UTF_8).length);
          }
          subsegment.putHttp("response", response);
          if (status == 429) {
            subsegment.setError(true);
            subsegment.setThrottle(true);
          } else if (status >= 500) {
            subsegment.setFault(true);
          } else if (status >= 400) {
            subsegment.setError(true);
          }
        });
  }

  public static void fail(Subsegment subsegment, Throwable e) {
    XRay.quietly(() -> XRay.recordException(subsegment, e, FailureKind.FAULT));
  }

  public static void close(AWSXRayRecorder recorder, Subsegment subsegment) {
    if (subsegment != null) {
      XRay.quietly(recorder::endSubsegment);
    }
  }
}
