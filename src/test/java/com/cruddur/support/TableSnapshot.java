package com.cruddur.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item of a table at one moment, to say afterwards exactly what a test's requests wrote.
 * Unlike a count of the whole table, it cannot be fooled by an item that something else removed in
 * between (one write hidden by one deletion), and it also sees an item that was changed in place.
 * Only the test's own requests write between the snapshot and the comparison (the suite runs one
 * test at a time), so every difference is theirs.
 */
public final class TableSnapshot {

  private final DynamoDbClient client;
  private final String table;
  private final Map<String, Map<String, AttributeValue>> items;

  private TableSnapshot(
      DynamoDbClient client, String table, Map<String, Map<String, AttributeValue>> items) {
    this.client = client;
    this.table = table;
    this.items = items;
  }

  public static TableSnapshot of(DynamoDbClient client, String table) {
    return new TableSnapshot(client, table, scan(client, table));
  }

  /**
   * What was written since this snapshot: one line per item added ({@code "added pk|sk"}), changed
   * or removed. Empty when the requests in between stored nothing.
   */
  public List<String> writesSince() {
    Map<String, Map<String, AttributeValue>> now = scan(client, table);
    List<String> writes = new ArrayList<>();
    now.forEach(
        (key, item) -> {
          Map<String, AttributeValue> was = items.get(key);
          if (was == null) {
            writes.add("added " + key);
          } else if (!was.equals(item)) {
            writes.add("changed " + key);
          }
        });
    items.keySet().stream()
        .filter(key -> !now.containsKey(key))
        .forEach(key -> writes.add("removed " + key));
    return writes;
  }

  /** The items added since this snapshot, by key. */
  public List<String> addedSince() {
    return scan(client, table).keySet().stream().filter(key -> !items.containsKey(key)).toList();
  }

  private static Map<String, Map<String, AttributeValue>> scan(
      DynamoDbClient client, String table) {
    Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    // Test-only, so a Scan is fine; consistent, so a write acknowledged before the call is always
    // seen.
    client
        .scanPaginator(b -> b.tableName(table).consistentRead(true))
        .items()
        .forEach(item -> items.put(key(item), item));
    return items;
  }

  private static String key(Map<String, AttributeValue> item) {
    return Objects.requireNonNull(item.get("pk")).s()
        + "|"
        + Objects.requireNonNull(item.get("sk")).s();
  }
}
