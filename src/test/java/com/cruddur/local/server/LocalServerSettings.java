package com.cruddur.local.server;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.support.TestCognito;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestXRayDaemon;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The settings every local-server test starts the server with, given from its
 * {@code @DynamicPropertySource}.
 */
final class LocalServerSettings {

  private LocalServerSettings() {}

  /**
   * The X-Ray stand-in listening (before any recorder exists) and a freshly seeded table, reached
   * directly.
   */
  static void freshTable(DynamicPropertyRegistry registry) {
    freshTable(registry, endpoint -> endpoint);
  }

  /**
   * As {@link #freshTable(DynamicPropertyRegistry)}, DynamoDB Local reached through {@code route}
   * (e.g. a proxy).
   */
  static void freshTable(DynamicPropertyRegistry registry, UnaryOperator<URI> route) {
    TestXRayDaemon.get();
    LocalEnvironment env = TestDynamo.freshSeeded();
    registry.add(CruddurConfig.TABLE_NAME, env::tableName);
    registry.add(CruddurConfig.DYNAMODB_ENDPOINT, () -> route.apply(env.endpoint()).toString());
  }

  /** Bearer tokens verified against a loopback stand-in for the user pool. */
  static void cognito(DynamicPropertyRegistry registry) {
    registry.add("CRUDDUR_COGNITO_ISSUER", () -> TestCognito.get().issuer());
    registry.add("CRUDDUR_COGNITO_CLIENT_ID", () -> TestCognito.CLIENT_ID);
  }
}
