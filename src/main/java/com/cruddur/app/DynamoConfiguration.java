package com.cruddur.app;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.WarmUp;
import com.cruddur.platform.dynamo.DynamoDbClients;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
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
  private static final String WARM_UP = "dynamoDbClientWarmUpThread";

  /**
   * Building the first DynamoDB client costs ≈ 450–650 ms of init (bin/profile: the SDK's classes,
   * the endpoint metadata of every AWS service, X-Ray's operation manifest), nearly all of it
   * one-time. Where a served feature will build the client at init, a throwaway client of the same
   * shape is built and closed on a background thread as soon as the features are known (after
   * configuration parsing, before any bean is built), in parallel with the rest of the refresh; the
   * real client is still built by its bean method, so its failures surface as before.
   */
  @Bean
  static BeanFactoryPostProcessor dynamoDbClientWarmUp() {
    return factory -> {
      if (servesAFeature(factory)) {
        Environment environment =
            factory.getBean(
                ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, Environment.class);
        factory.registerSingleton(
            WARM_UP,
            WarmUp.start(
                WARM_UP,
                () -> {
                  // Read here, not before: an invalid setting fails the real bean, as it did.
                  CruddurConfig config = CruddurConfig.from(environment::getProperty);
                  try (DynamoDbClient warm =
                      DynamoDbClients.create(
                          config, List.of(new TracingInterceptor(null, null, null)))) {
                    warm.serviceName();
                  }
                }));
      }
    };
  }

  /** The features (activities, …) all store in DynamoDB; the health check serves none. */
  private static boolean servesAFeature(ConfigurableListableBeanFactory factory) {
    return Arrays.stream(factory.getBeanDefinitionNames())
        .map(factory::getBeanDefinition)
        .anyMatch(
            definition ->
                definition instanceof AnnotatedBeanDefinition annotated
                    && annotated.getMetadata().hasAnnotation(ServesRoutes.class.getName()));
  }

  @Bean(name = CLIENT, destroyMethod = "close")
  DynamoDbClient dynamoDbClient(
      CruddurConfig config,
      List<ExecutionInterceptor> interceptors,
      ObjectProvider<WarmUp> warmUp) {
    // Not the same classes loaded twice in parallel; past the limit the build just goes on.
    warmUp.ifAvailable(w -> w.await(Duration.ofSeconds(5)));
    return DynamoDbClients.create(config, interceptors);
  }
}
