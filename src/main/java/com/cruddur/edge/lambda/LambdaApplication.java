package com.cruddur.edge.lambda;

import com.amazonaws.xray.AWSXRayRecorder;
import com.cruddur.app.CoreConfiguration;
import com.cruddur.platform.observe.report.ErrorReporter;
import com.cruddur.platform.observe.report.ErrorReporting;
import com.cruddur.platform.observe.trace.FailureKind;
import com.cruddur.platform.observe.trace.Tracing;
import com.cruddur.platform.observe.trace.Tracings;
import com.cruddur.platform.observe.trace.XRay;
import com.cruddur.user.UserRepository;
import com.cruddur.user.web.CurrentUser;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The Spring application inside Lambda: the shared application plus the identity that API Gateway's
 * Cognito authorizer verified. No web server: serverless-java-container is the servlet container.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import(CoreConfiguration.class)
public class LambdaApplication {

  /** Built for the routes that ask who is calling; the health check builds no user lookup. */
  @Bean
  @Lazy
  CurrentUser currentUser(UserRepository users, Environment environment) {
    String clientIds = environment.getProperty(CognitoClaimsCurrentUser.CLIENT_IDS, "");
    return CurrentUser.observed(
        new CognitoClaimsCurrentUser(
            users,
            Arrays.stream(clientIds.split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toSet())));
  }

  @Bean
  ErrorReporter errorReporter() {
    return ErrorReporting.lambda();
  }

  /** X-Ray subsegments, and OpenTelemetry spans when the ADOT layer is attached. */
  @Bean
  Tracing tracing(AWSXRayRecorder recorder, FailureKind.Classifier classifier) {
    return Tracings.lambda(recorder, classifier);
  }

  /**
   * Subsegments only: the function segment is Lambda's. The edge's request subsegment uses this one
   * too.
   */
  @Bean
  AWSXRayRecorder xrayRecorder() {
    return XRay.lambdaRecorder();
  }
}
