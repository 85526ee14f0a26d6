package com.cruddur.support;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.platform.CruddurConfig;
import java.nio.file.Path;

/**
 * One DynamoDB Local per test JVM (loopback, random port), with the table from template.yaml. The
 * application under test, in Lambda mode or as the local server, finds it through the same settings
 * it reads in production (CRUDDUR_TABLE_NAME, CRUDDUR_DYNAMODB_ENDPOINT), given here as system
 * properties. The table's TTL is off: DynamoDB Local's expiry job would otherwise delete the
 * expired items that tests write, at moments no test chooses.
 */
public final class TestDynamo {

  public static final String TABLE = "cruddur-test";
  private static LocalEnvironment environment;

  private TestDynamo() {}

  public static synchronized LocalEnvironment get() {
    if (environment == null) {
      environment = LocalEnvironment.start(Path.of("template.yaml"), 0, TABLE, false);
      System.setProperty(CruddurConfig.TABLE_NAME, TABLE);
      System.setProperty(CruddurConfig.DYNAMODB_ENDPOINT, environment.endpoint().toString());
      LocalEnvironment started = environment;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return environment;
  }

  /** An empty table with the demo data, as the local server starts with. */
  public static LocalEnvironment freshSeeded() {
    LocalEnvironment env = get();
    env.recreateTable();
    env.seed();
    return env;
  }

  /**
   * The table as it is now: {@link TableSnapshot#writesSince()} then says what requests since
   * stored.
   */
  public static TableSnapshot snapshot() {
    return TableSnapshot.of(get().client(), TABLE);
  }
}
