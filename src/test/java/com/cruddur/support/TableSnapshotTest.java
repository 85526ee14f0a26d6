package com.cruddur.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.dynamo.TableDefinition;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The "stored nothing" check itself: it sees every kind of write, on a table of its own. */
class TableSnapshotTest {

  static final String TABLE = "cruddur-snapshot-test";
  static DynamoDbClient db;

  @BeforeAll
  static void table() {
    LocalEnvironment env = TestDynamo.get();
    db = env.client();
    TableDefinition.deleteIfExists(db, TABLE);
    TableDefinition.fromTemplate(env.template()).create(db, TABLE, false);
  }

  static void put(String pk, String message) {
    db.putItem(
        b ->
            b.tableName(TABLE)
                .item(
                    Map.of(
                        "pk",
                        AttributeValue.fromS(pk),
                        "sk",
                        AttributeValue.fromS("X"),
                        "message",
                        AttributeValue.fromS(message))));
  }

  @Test
  void anAddedChangedOrRemovedItemIsAWriteAndNothingElseIs() {
    put("KEEP", "unchanged");
    put("CHANGE", "before");
    put("REMOVE", "doomed");
    TableSnapshot before = TableSnapshot.of(db, TABLE);
    assertThat(before.writesSince()).isEmpty();

    put("ADD", "new");
    put("CHANGE", "after");
    db.deleteItem(
        b ->
            b.tableName(TABLE)
                .key(
                    Map.of("pk", AttributeValue.fromS("REMOVE"), "sk", AttributeValue.fromS("X"))));

    assertThat(before.writesSince())
        .containsExactlyInAnyOrder("added ADD|X", "changed CHANGE|X", "removed REMOVE|X");
    assertThat(before.addedSince()).containsExactly("ADD|X");
  }

  @Test
  void aWriteHiddenByARemovalIsStillSeen() {
    put("GONE", "expired");
    TableSnapshot before = TableSnapshot.of(db, TABLE);
    db.deleteItem(
        b ->
            b.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS("GONE"), "sk", AttributeValue.fromS("X"))));
    put("STORED", "by a refused request");
    // A count of the whole table is the same as before here, and would have let this write pass.
    assertThat(before.writesSince()).containsExactlyInAnyOrder("added STORED|X", "removed GONE|X");
  }
}
