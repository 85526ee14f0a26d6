package com.cruddur.platform.dynamo;

import static com.cruddur.platform.dynamo.Attributes.IDEMPOTENCY_PREFIX;
import static com.cruddur.platform.dynamo.Attributes.PK;
import static com.cruddur.platform.dynamo.Attributes.SK;
import static com.cruddur.platform.dynamo.Attributes.TTL;

import com.cruddur.common.Idempotency;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The remembered idempotency keys of every feature's writes: one item per user and key, written in
 * the same transaction as what it records and expiring after {@link Idempotency#REMEMBERED}.
 */
public final class IdempotencyRecords {

  static final String SK_VALUE = "IDEMPOTENCY";

  private IdempotencyRecords() {}

  public static Map<String, AttributeValue> item(
      Idempotency.Claim claim, String resultPk, String resultSk, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(PK, AttributeValue.fromS(pk(claim)));
    item.put(SK, AttributeValue.fromS(SK_VALUE));
    item.put("request_hash", AttributeValue.fromS(claim.requestHash()));
    item.put("result_pk", AttributeValue.fromS(resultPk));
    item.put("result_sk", AttributeValue.fromS(resultSk));
    Instant forgotten = now.plus(Idempotency.REMEMBERED);
    // TTL is whole seconds; rounded up so the record never expires early.
    long ttl = forgotten.getEpochSecond() + (forgotten.getNano() > 0 ? 1 : 0);
    item.put(TTL, AttributeValue.fromN(Long.toString(ttl)));
    return item;
  }

  public static Key key(Idempotency.Claim claim) {
    return new Key(pk(claim), SK_VALUE);
  }

  /**
   * What the first request with the claim's key recorded, read consistently after its conditional
   * put failed.
   */
  public static Idempotency.Recorded read(
      DynamoDbClient db, String table, Idempotency.Claim claim) {
    GetItemResponse response =
        db.getItem(b -> b.tableName(table).consistentRead(true).key(key(claim).attributes()));
    if (!response.hasItem() || response.item().isEmpty()) {
      throw new StorageBusyException("the idempotency record vanished; retry");
    }
    Map<String, AttributeValue> item = response.item();
    return new Idempotency.Recorded(
        item.get("request_hash").s(), item.get("result_pk").s(), item.get("result_sk").s());
  }

  private static String pk(Idempotency.Claim claim) {
    return IDEMPOTENCY_PREFIX + claim.userUuid() + "#" + claim.key();
  }
}
