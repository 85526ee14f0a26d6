package com.cruddur.local.server;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.jakarta.servlet.AWSXRayServletFilter;
import com.amazonaws.xray.strategy.jakarta.SegmentNamingStrategy;
import com.cruddur.app.CoreConfiguration;
import com.cruddur.edge.EdgeObserver;
import com.cruddur.platform.observe.report.ErrorReporter;
import com.cruddur.platform.observe.report.RollbarReporter;
import com.cruddur.platform.observe.report.RollbarSettings;
import com.cruddur.platform.observe.trace.FailureKind;
import com.cruddur.platform.observe.trace.OtelBridge;
import com.cruddur.platform.observe.trace.Tracing;
import com.cruddur.platform.observe.trace.XRay;
import com.cruddur.platform.observe.trace.XRayTracing;
import com.cruddur.user.UserRepository;
import com.cruddur.user.web.CurrentUser;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The local server: the same application the Lambda functions run (controllers, services,
 * repositories, error handling, CORS), served by an embedded Tomcat, with a development user
 * instead of Cognito claims.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration(ServletWebServerFactoryAutoConfiguration.class)
@Import(CoreConfiguration.class)
public class LocalApplication {

  /**
   * Every request sampled, sent to AWS_XRAY_DAEMON_ADDRESS (default 127.0.0.1:2000) if a daemon
   * listens there.
   */
  @Bean
  AWSXRayRecorder xrayRecorder() {
    return XRay.localRecorder();
  }

  /**
   * Local only: a segment per request, named after the service, with the HTTP request and response.
   * It wraps the other filters so refusals made there (413, CORS) are traced too. Never registered
   * in Lambda, where a segment begun by us would clash with the function segment Lambda owns.
   */
  @Bean
  FilterRegistrationBean<AWSXRayServletFilter> xraySegmentFilter(
      AWSXRayRecorder recorder, Environment environment) {
    String service = environment.getProperty("CRUDDUR_SERVICE_NAME", "cruddur");
    FilterRegistrationBean<AWSXRayServletFilter> registration =
        new FilterRegistrationBean<>(
            new AWSXRayServletFilter(SegmentNamingStrategy.fixed(service), recorder));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE - 10);
    return registration;
  }

  /**
   * OpenTelemetry configured by the standard OTEL_* variables only; nothing is exported when none
   * is set.
   */
  @Bean(destroyMethod = "close")
  LocalOpenTelemetry localOpenTelemetry(Environment environment) {
    return LocalOpenTelemetry.create(environment::getProperty);
  }

  /** X-Ray subsegments and OpenTelemetry spans from the same service calls. */
  @Bean
  Tracing tracing(
      AWSXRayRecorder recorder, LocalOpenTelemetry otel, FailureKind.Classifier classifier) {
    return OtelBridge.with(new XRayTracing(recorder, classifier), otel.openTelemetry(), classifier);
  }

  /**
   * DynamoDB calls as OpenTelemetry client spans. In Lambda the ADOT layer registers this
   * interceptor on every SDK client by itself; locally it is added to the application's client
   * only.
   */
  @Bean
  ExecutionInterceptor openTelemetryAwsSdkInterceptor(LocalOpenTelemetry otel) {
    return AwsSdkTelemetry.create(otel.openTelemetry()).newExecutionInterceptor();
  }

  /**
   * Rollbar with ROLLBAR_ACCESS_TOKEN (environment "local" unless CRUDDUR_STAGE says otherwise),
   * else off.
   */
  @Bean
  ErrorReporter errorReporter(Environment environment) {
    return RollbarReporter.create(RollbarSettings.from(environment::getProperty, "local", "local"));
  }

  /**
   * Inside the X-Ray filter (it reads the segment) and outside everything else (it sees every
   * refusal).
   */
  @Bean
  FilterRegistrationBean<LocalRequestFilter> requestFilter(
      AWSXRayRecorder recorder, ErrorReporter reporter, LocalOpenTelemetry otel) {
    FilterRegistrationBean<LocalRequestFilter> registration =
        new FilterRegistrationBean<>(
            new LocalRequestFilter(
                recorder, EdgeObserver.standard(reporter), otel.openTelemetry()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE - 5);
    return registration;
  }

  /**
   * Verified Cognito access tokens, or an explicitly enabled development user (see {@link
   * LocalCurrentUser}).
   */
  @Bean
  CurrentUser currentUser(UserRepository users, Environment environment) {
    return CurrentUser.observed(LocalCurrentUser.create(users, environment::getProperty));
  }
}
