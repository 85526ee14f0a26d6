package com.cruddur.support;

import com.cruddur.config.CruddurConfig;
import com.cruddur.local.LocalEnvironment;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * One DynamoDB Local per test JVM (loopback, random port), with the table from template.yaml. The application
 * under test, in Lambda mode or as the local server, finds it through the same settings it reads in production
 * (CRUDDUR_TABLE_NAME, CRUDDUR_DYNAMODB_ENDPOINT), given here as system properties.
 */
public final class TestDynamo {

  public static final String TABLE = "cruddur-test";
  private static LocalEnvironment environment;

  private TestDynamo() {}

  public static synchronized LocalEnvironment get() {
    if (environment == null) {
      environment = LocalEnvironment.start(Path.of("template.yaml"), 0, TABLE);
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

  /** Every item in the table: used to prove that a refused request stored nothing. Test-only, so a Scan is fine. */
  public static int itemCount() {
    return get().client().scan(b -> b.tableName(TABLE).select(Select.COUNT)).count();
  }
}
