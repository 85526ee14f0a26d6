package com.cruddur.storage;

import com.cruddur.config.CruddurConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Builds the one DynamoDB client a container uses. */
public final class DynamoDbClients {

  /**
   * Time budget: 3 attempts of at most 1.5 s inside 4 s per call, so even a request that needs a few calls stays well
   * inside the function timeout (15 s), which stays inside API Gateway's 29 s.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);
  static final Duration SOCKET_TIMEOUT = Duration.ofMillis(1500);
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
  static final int MAX_ATTEMPTS = 3;

  /**
   * Credentials used only against DynamoDB Local on loopback, which accepts any made of letters and digits. Not a
   * secret, and never real credentials: those are not sent to a local endpoint.
   */
  private static final AwsBasicCredentials LOCAL_ONLY_CREDENTIALS =
      AwsBasicCredentials.create("localonlynotakey", "localonlynotasecret");

  private DynamoDbClients() {}

  public static DynamoDbClient create(CruddurConfig config) {
    return create(config, List.of());
  }

  /** @param interceptors tracing for every call (X-Ray subsegments), added explicitly rather than by SPI */
  public static DynamoDbClient create(CruddurConfig config, List<ExecutionInterceptor> interceptors) {
    DynamoDbClientBuilder builder = DynamoDbClient.builder()
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            .build())
        .overrideConfiguration(o -> o
            .executionInterceptors(interceptors)
            .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
            .apiCallTimeout(CALL_TIMEOUT)
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build()));

    if (config.dynamoDbEndpoint().isPresent()) {
      URI endpoint = config.dynamoDbEndpoint().get();
      builder.endpointOverride(endpoint).region(regionOrDefault());
      if (isLoopback(endpoint)) {
        // DynamoDB Local: no AWS account needed, and real credentials are never sent to it.
        builder.credentialsProvider(StaticCredentialsProvider.create(LOCAL_ONLY_CREDENTIALS));
      } else {
        builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
      }
    } else {
      // In Lambda: region and credentials come from the runtime's environment.
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }

  private static Region regionOrDefault() {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (RuntimeException noRegionConfigured) {
      return Region.US_EAST_1;
    }
  }

  static boolean isLoopback(URI endpoint) {
    String host = endpoint.getHost();
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    // Only literal addresses are checked, so deciding never costs a DNS lookup.
    boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
    try {
      return literal && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
