package com.cruddur.platform.dynamo;

import com.cruddur.platform.AwsEndpoints;
import com.cruddur.platform.CruddurConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the one DynamoDB client a container uses. */
public final class DynamoDbClients {

  /**
   * Time budget: 3 attempts of at most 1.5 s inside 4 s per call, so even a request that needs a
   * few calls stays well inside the function timeout (15 s), which stays inside API Gateway's 29 s.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);

  static final Duration SOCKET_TIMEOUT = Duration.ofMillis(1500);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
  static final int MAX_ATTEMPTS = 3;

  private DynamoDbClients() {}

  public static DynamoDbClient create(CruddurConfig config) {
    return create(config, List.of());
  }

  /**
   * @param interceptors tracing for every call (X-Ray subsegments), added explicitly rather than by
   *     SPI
   */
  public static DynamoDbClient create(
      CruddurConfig config, List<ExecutionInterceptor> interceptors) {
    return AwsEndpoints.configure(DynamoDbClient.builder(), config.dynamoDbEndpoint())
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build())
        .overrideConfiguration(
            o ->
                o.executionInterceptors(withDeadline(interceptors))
                    .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                    .apiCallTimeout(CALL_TIMEOUT)
                    .retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(MAX_ATTEMPTS)
                            .build()))
        .build();
  }

  /** The deadline first: a call refused for want of time is neither traced nor sent. */
  private static List<ExecutionInterceptor> withDeadline(List<ExecutionInterceptor> interceptors) {
    List<ExecutionInterceptor> all = new ArrayList<>();
    all.add(new DeadlineInterceptor());
    all.addAll(interceptors);
    return all;
  }
}
