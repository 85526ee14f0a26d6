package com.cruddur.platform.observe.trace;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Telemetry shared by both ways of running. The recorder and the {@link Tracing} come from the
 * Lambda or the local application, because only they know whether the segment belongs to Lambda or
 * to us, and where OpenTelemetry's SDK comes from.
 */
@Configuration(proxyBeanMethods = false)
public class TelemetryConfiguration {

  /**
   * Every DynamoDB call becomes a subsegment named after the service, with the table and operation.
   */
  @Bean
  ExecutionInterceptor xrayAwsSdkInterceptor(AWSXRayRecorder recorder) {
    return new TracingInterceptor(recorder, null, null);
  }
}
