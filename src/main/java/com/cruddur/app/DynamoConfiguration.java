package com.cruddur.app;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.dynamo.DynamoDbClients;
import java.util.List;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client, built when a feature a function serves first needs it: during init for the
 * activity functions (their controllers need it), never in the health check, which saves that one ≈
 * 600–850 ms of init (bin/profile). Lazy rather than conditional, so that any feature, including
 * one added later, gets the client without declaring where it comes from.
 */
@Configuration(proxyBeanMethods = false)
@Lazy
public class DynamoConfiguration {

  /**
   * Every DynamoDB call becomes a subsegment named after the service, with the table and operation.
   */
  @Bean
  ExecutionInterceptor xrayAwsSdkInterceptor(AWSXRayRecorder recorder) {
    return new TracingInterceptor(recorder, null, null);
  }

  /**
   * Spring's {@code @EventListener} scan looks at every bean's type, and reflecting over
   * DynamoDbClient's methods loads the request and response classes of all of its operations (≈
   * 150–270 classes, 160–190 ms of init, bin/profile), in the health check too, where the client is
   * never built. The client has no listener methods: the scan is shown the SdkClient it also is.
   */
  @Bean
  static BeanFactoryPostProcessor dynamoDbClientHasNoListenerMethods() {
    return factory ->
        factory
            .getBeanDefinition(CLIENT)
            .setAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE, SdkClient.class);
  }

  private static final String CLIENT = "dynamoDbClient";

  @Bean(name = CLIENT, destroyMethod = "close")
  DynamoDbClient dynamoDbClient(CruddurConfig config, List<ExecutionInterceptor> interceptors) {
    return DynamoDbClients.create(config, interceptors);
  }
}
