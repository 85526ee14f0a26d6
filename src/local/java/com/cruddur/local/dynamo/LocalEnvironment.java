package com.cruddur.local.dynamo;

import com.cruddur.local.sam.SamTemplate;
import com.cruddur.platform.AwsEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What every local entry point needs: DynamoDB Local on loopback, the table from template.yaml, and
 * the demo data. Used by the local server, the Docker-free invoke and the tests.
 */
public final class LocalEnvironment implements AutoCloseable {

  public static final String TABLE_NAME = "cruddur-local";

  private final LocalDynamoDb dynamo;
  private final DynamoDbClient client;
  private final String tableName;
  private final SamTemplate template;
  private final boolean ttlDeletion;

  private LocalEnvironment(
      LocalDynamoDb dynamo, SamTemplate template, String tableName, boolean ttlDeletion) {
    this.dynamo = dynamo;
    this.template = template;
    this.tableName = tableName;
    this.ttlDeletion = ttlDeletion;
    this.client = toolingClient(dynamo.endpoint());
  }

  /**
   * The client of the tools around the application (tables, seed data, tests' own reads and setup),
   * not the application's: no attempt timeout, since on a loaded machine a 1.5 s attempt of the
   * production settings can time out after DynamoDB Local has acted, and the retry then fails (a
   * CreateTable answered "preexisting table"). The application under test builds its production
   * client from CRUDDUR_DYNAMODB_ENDPOINT.
   */
  private static DynamoDbClient toolingClient(URI endpoint) {
    return AwsEndpoints.configure(DynamoDbClient.builder(), Optional.of(endpoint))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(120)))
        .build();
  }

  /**
   * Starts DynamoDB Local on {@code port} (0: any free port) and creates an empty table, TTL on as
   * deployed.
   */
  public static LocalEnvironment start(Path templatePath, int port, String tableName) {
    return start(templatePath, port, tableName, true);
  }

  /**
   * As {@link #start(Path, int, String)}; with {@code ttlDeletion} false DynamoDB Local never
   * deletes expired items (its TTL job sweeps every second), so a test decides when items change
   * and sees expired items stay readable, as they do in DynamoDB for up to days.
   */
  public static LocalEnvironment start(
      Path templatePath, int port, String tableName, boolean ttlDeletion) {
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
