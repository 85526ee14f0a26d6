package com.cruddur.app;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.dynamo.DynamoDbClients;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client, imported by the features that read or write the table: a function that
 * serves none of them (the health check) builds no client (≈ 600–850 ms of its init, bin/profile).
 */
@Configuration(proxyBeanMethods = false)
public class DynamoConfiguration {

  /**
   * Every DynamoDB call becomes a subsegment named after the service, with the table and operation.
   */
  @Bean
  ExecutionInterceptor xrayAwsSdkInterceptor(AWSXRayRecorder recorder) {
    return new TracingInterceptor(recorder, null, null);
  }

  @Bean(destroyMethod = "close")
  DynamoDbClient dynamoDbClient(CruddurConfig config, List<ExecutionInterceptor> interceptors) {
    return DynamoDbClients.create(config, interceptors);
  }
}
