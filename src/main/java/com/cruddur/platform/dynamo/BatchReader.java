package com.cruddur.platform.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * BatchGetItem with a bounded retry of unprocessed keys (DynamoDB returns them under load instead
 * of failing).
 */
public final class BatchReader {

  private static final int MAX_KEYS_PER_CALL = 100;
  private static final long[] BACKOFF_MILLIS = {20, 80, 240};

  private BatchReader() {}

  /** Returns the items found, by key; missing items are simply absent. */
  public static Map<Key, Map<String, AttributeValue>> get(
      DynamoDbClient db, String table, List<Key> keys) {
    Map<Key, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_CALL) {
      List<Map<String, AttributeValue>> pending =
          new ArrayList<>(
              keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_CALL)).stream()
                  .map(Key::attributes)
                  .toList());
      for (int attempt = 0; !pending.isEmpty(); attempt++) {
        BatchGetItemResponse response =
            db.batchGetItem(
                b ->
                    b.requestItems(
                        Map.of(
                            table,
                            KeysAndAttributes.builder()
                                .keys(pending)
                                .consistentRead(false)
                                .build())));
        for (Map<String, AttributeValue> item :
            response.responses().getOrDefault(table, List.of())) {
          found.put(Key.of(item), item);
        }
        KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
        pending.clear();
        if (unprocessed != null && unprocessed.hasKeys()) {
          if (attempt >= BACKOFF_MILLIS.length) {
            throw new StorageBusyException(
                "DynamoDB left keys unprocessed after " + attempt + " retries");
          }
          pending.addAll(unprocessed.keys());
          sleep(BACKOFF_MILLIS[attempt]);
        }
      }
    }
    return found;
  }

  private static void sleep(long millis) {
    Deadline.check();
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageBusyException("interrupted while retrying unprocessed keys");
    }
  }
}
