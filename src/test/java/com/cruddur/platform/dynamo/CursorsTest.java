package com.cruddur.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CursorsTest {

  private static final List<String> KEY = Attributes.GSI1_KEY;
  private static final Map<String, AttributeValue> ITEM =
      Map.of(
          "pk",
          AttributeValue.fromS("ACT#1"),
          "sk",
          AttributeValue.fromS("ACTIVITY"),
          "gsi1pk",
          AttributeValue.fromS("USERACT#u1"),
          "gsi1sk",
          AttributeValue.fromS("2026#1"),
          "message",
          AttributeValue.fromS("not part of the key"));

  @Test
  void roundTripsOnlyTheKey() {
    String cursor = Cursors.encode(ITEM, KEY);
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(Cursors.decode(cursor, onlyPartition(KEY, "gsi1pk", "USERACT#u1"::equals)))
        .containsOnlyKeys("pk", "sk", "gsi1pk", "gsi1sk")
        .containsEntry("gsi1sk", AttributeValue.fromS("2026#1"));
  }

  @Test
  void refusesCursorsForAnotherPartitionOrShape() {
    String cursor = Cursors.encode(ITEM, KEY);
    assertThatThrownBy(
            () -> Cursors.decode(cursor, onlyPartition(KEY, "gsi1pk", "USERACT#u2"::equals)))
        .isInstanceOf(InvalidCursorException.class);
    assertThatThrownBy(
            () -> Cursors.decode(cursor, onlyPartition(Attributes.TABLE_KEY, "pk", p -> true)))
        .isInstanceOf(InvalidCursorException.class);
    for (String bad :
        List.of(
            "",
            "!!!",
            "e30",
            b64("[]"),
            b64("{\"pk\":1,\"sk\":2,\"gsi1pk\":3,\"gsi1sk\":4}"),
            b64("{\"pk\":\"\",\"sk\":\"s\",\"gsi1pk\":\"USERACT#u1\",\"gsi1sk\":\"x\"}"),
            "A".repeat(5000))) {
      assertThatThrownBy(() -> Cursors.decode(bad, onlyPartition(KEY, "gsi1pk", p -> true)))
          .as(bad)
          .isInstanceOf(InvalidCursorException.class);
    }
  }

  @Test
  void refusesASortKeyOutsideTheRangeTheQueryReads() {
    Map<String, AttributeValue> reply =
        Map.of("pk", AttributeValue.fromS("ACT#1"), "sk", AttributeValue.fromS("REPLY#2026#2"));
    Map<String, Predicate<String>> replies = new LinkedHashMap<>();
    replies.put("pk", "ACT#1"::equals);
    replies.put("sk", sk -> sk.startsWith("REPLY#"));
    assertThat(Cursors.decode(Cursors.encode(reply, Attributes.TABLE_KEY), replies))
        .containsEntry("sk", AttributeValue.fromS("REPLY#2026#2"));
    // The activity item sits in the same partition, but before the replies: DynamoDB would refuse
    // it (500).
    String activity = Cursors.encode(ITEM, Attributes.TABLE_KEY);
    assertThatThrownBy(() -> Cursors.decode(activity, replies))
        .isInstanceOf(InvalidCursorException.class);
  }

  /** The key of {@code attributes}, checked only for its partition. */
  private static Map<String, Predicate<String>> onlyPartition(
      List<String> attributes, String partition, Predicate<String> allowed) {
    Map<String, Predicate<String>> key = new LinkedHashMap<>();
    attributes.forEach(a -> key.put(a, a.equals(partition) ? allowed : Cursors::any));
    return key;
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
