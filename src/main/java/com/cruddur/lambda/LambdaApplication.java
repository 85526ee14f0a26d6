package com.cruddur.lambda;

import com.amazonaws.xray.AWSXRayRecorder;
import com.cruddur.config.CoreConfiguration;
import com.cruddur.errors.ErrorReporter;
import com.cruddur.errors.ErrorReporting;
import com.cruddur.telemetry.FailureKind;
import com.cruddur.telemetry.Tracing;
import com.cruddur.telemetry.Tracings;
import com.cruddur.telemetry.XRay;
import com.cruddur.users.CurrentUser;
import com.cruddur.users.UserRepository;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Spring application inside Lambda: the shared application plus the identity that API Gateway's Cognito
 * authorizer verified. No web server: serverless-java-container is the servlet container.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import(CoreConfiguration.class)
public class LambdaApplication {

  @Bean
  CurrentUser currentUser(UserRepository users, Environment environment) {
    String clientIds = environment.getProperty(CognitoClaimsCurrentUser.CLIENT_IDS, "");
    return CurrentUser.observed(new CognitoClaimsCurrentUser(users, Arrays.stream(clientIds.split(","))
        .map(String::strip).filter(id -> !id.isEmpty()).collect(Collectors.toSet())));
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

  /** Subsegments only: the function segment is Lambda's. The edge's request subsegment uses this one too. */
  @Bean
  AWSXRayRecorder xrayRecorder() {
    return XRay.lambdaRecorder();
  }
}
