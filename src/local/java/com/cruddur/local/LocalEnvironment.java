package com.cruddur.local;

import com.cruddur.config.CruddurConfig;
import com.cruddur.local.invoke.SamTemplate;
import com.cruddur.storage.DynamoDbClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every local entry point needs: DynamoDB Local on loopback, the table from template.yaml, and the demo data.
 * Used by the local server, the Docker-free invoke and the tests.
 */
public final class LocalEnvironment implements AutoCloseable {

  public static final String TABLE_NAME = "cruddur-local";

  private final LocalDynamoDb dynamo;
  private final DynamoDbClient client;
  private final String tableName;
  private final SamTemplate template;
  private final boolean ttlDeletion;

  private LocalEnvironment(LocalDynamoDb dynamo, SamTemplate template, String tableName, boolean ttlDeletion) {
    this.dynamo = dynamo;
    this.template = template;
    this.tableName = tableName;
    this.ttlDeletion = ttlDeletion;
    this.client = DynamoDbClients.create(new CruddurConfig(tableName, Optional.of(dynamo.endpoint()),
        List.of(CruddurConfig.DEFAULT_FRONTEND_ORIGIN)));
  }

  /** Starts DynamoDB Local on {@code port} (0: any free port) and creates an empty table, TTL on as deployed. */
  public static LocalEnvironment start(Path templatePath, int port, String tableName) {
    return start(templatePath, port, tableName, true);
  }

  /**
   * As {@link #start(Path, int, String)}; with {@code ttlDeletion} false DynamoDB Local never deletes expired items
   * (its TTL job sweeps every second), so a test decides when items change and sees expired items stay readable,
   * as they do in DynamoDB for up to days.
   */
  public static LocalEnvironment start(Path templatePath, int port, String tableName, boolean ttlDeletion) {
    SamTemplate template = SamTemplate.load(templatePath);
    LocalDynamoDb dynamo = LocalDynamoDb.start(port);
    try {
      LocalEnvironment environment = new LocalEnvironment(dynamo, template, tableName, ttlDeletion);
      TableDefinition.fromTemplate(template).create(environment.client, tableName, ttlDeletion);
      return environment;
    } catch (RuntimeException e) {
      dynamo.close();
      throw e;
    }
  }

  /** Drops and recreates the table: a clean slate without restarting DynamoDB Local. */
  public void recreateTable() {
    TableDefinition.deleteIfExists(client, tableName);
    TableDefinition.fromTemplate(template).create(client, tableName, ttlDeletion);
  }

  public int seed() {
    return SeedData.load(client, tableName, Instant.now());
  }

  public URI endpoint() {
    return dynamo.endpoint();
  }

  public String tableName() {
    return tableName;
  }

  public DynamoDbClient client() {
    return client;
  }

  public SamTemplate template() {
    return template;
  }

  @Override
  public void close() {
    client.close();
    dynamo.close();
  }
}
