package com.cruddur.local.dynamo;

import com.cruddur.local.sam.SamTemplate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Creates the local table from template.yaml's {@code ActivitiesTable} definition, so local keys,
 * indexes and TTL can never drift from what {@code sam deploy} creates.
 */
public final class TableDefinition {

  public static final String LOGICAL_ID = "ActivitiesTable";

  private final Map<String, Object> properties;

  private TableDefinition(Map<String, Object> properties) {
    this.properties = properties;
  }

  public static TableDefinition fromTemplate(SamTemplate template) {
    return new TableDefinition(template.properties(LOGICAL_ID));
  }

  /**
   * Creates the table; {@code ttlDeletion} false leaves TTL off, so nothing deletes expired items.
   */
  public void create(DynamoDbClient db, String tableName, boolean ttlDeletion) {
    db.createTable(
        b ->
            b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    list("AttributeDefinitions").stream()
                        .map(
                            a ->
                                AttributeDefinition.builder()
                                    .attributeName(string(a, "AttributeName"))
                                    .attributeType(string(a, "AttributeType"))
                                    .build())
                        .toList())
                .keySchema(keySchema(properties))
                .globalSecondaryIndexes(
                    list("GlobalSecondaryIndexes").stream()
                        .map(
                            index ->
                                GlobalSecondaryIndex.builder()
                                    .indexName(string(index, "IndexName"))
                                    .keySchema(keySchema(index))
                                    .projection(
                                        Projection.builder()
                                            .projectionType(
                                                string(
                                                    SamTemplate.map(index.get("Projection")),
                                                    "ProjectionType"))
                                            .build())
                                    .build())
                        .toList()));
    Map<String, Object> ttl = SamTemplate.map(properties.get("TimeToLiveSpecification"));
    if (ttlDeletion && Boolean.TRUE.equals(ttl.get("Enabled"))) {
      db.updateTimeToLive(
          b ->
              b.tableName(tableName)
                  .timeToLiveSpecification(
                      s -> s.attributeName(string(ttl, "AttributeName")).enabled(true)));
    }
  }

  /** Deletes the table if it exists (tests start each suite from a known state). */
  public static void deleteIfExists(DynamoDbClient db, String tableName) {
    try {
      db.deleteTable(b -> b.tableName(tableName));
    } catch (ResourceNotFoundException absent) {
      // nothing to delete
    }
  }

  private List<Map<String, Object>> list(String name) {
    return SamTemplate.list(properties.get(name));
  }

  private static List<KeySchemaElement> keySchema(Map<String, Object> owner) {
    return SamTemplate.list(owner.get("KeySchema")).stream()
        .map(
            k ->
                KeySchemaElement.builder()
                    .attributeName(string(k, "AttributeName"))
                    .keyType(string(k, "KeyType"))
                    .build())
        .toList();
  }

  private static String string(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException(
          "template.yaml " + LOGICAL_ID + ": expected a string for " + key);
    }
    return s;
  }
}
