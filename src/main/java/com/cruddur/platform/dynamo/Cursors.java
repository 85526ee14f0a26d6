package com.cruddur.platform.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Encodes the key of the last item of a page as an opaque, URL-safe cursor, and decodes it back
 * only if it has exactly the key attributes the query expects, each inside what that query reads. A
 * tampered cursor is therefore a 400, never a DynamoDB ValidationException (500) and never a read
 * of someone else's partition.
 */
public final class Cursors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_CURSOR_LENGTH = 2048;
  private static final int MAX_VALUE_LENGTH = 600;

  private Cursors() {}

  public static String encode(Map<String, AttributeValue> item, List<String> keyAttributes) {
    Map<String, String> key = new TreeMap<>();
    for (String attribute : keyAttributes) {
      AttributeValue value = item.get(attribute);
      if (value == null || value.s() == null) {
        throw new IllegalStateException("item has no string key attribute " + attribute);
      }
      key.put(attribute, value.s());
    }
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Decodes a cursor into the ExclusiveStartKey of the query it continues. {@code expectedKey}
   * names every key attribute of that query (table and index keys) with the values it accepts: the
   * partition being read, and a sort key inside the range the key condition reads. Anything else is
   * a 400, so DynamoDB never sees a start key it would reject (a ValidationException, 500) and a
   * cursor never moves a read to another partition.
   */
  public static Map<String, AttributeValue> decode(
      String cursor, Map<String, Predicate<String>> expectedKey) {
    if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
      throw new InvalidCursorException("cursor length");
    }
    Map<String, Object> key;
    try {
      byte[] json = Base64.getUrlDecoder().decode(cursor);
      key =
          JSON.readValue(
              new String(json, StandardCharsets.UTF_8),
              new TypeReference<Map<String, Object>>() {});
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new InvalidCursorException("cursor encoding");
    }
    if (key == null || !key.keySet().equals(expectedKey.keySet())) {
      throw new InvalidCursorException("cursor attributes");
    }
    Map<String, AttributeValue> startKey = new LinkedHashMap<>();
    for (Map.Entry<String, Predicate<String>> attribute : expectedKey.entrySet()) {
      if (!(key.get(attribute.getKey()) instanceof String value)
          || value.isEmpty()
          || value.length() > MAX_VALUE_LENGTH) {
        throw new InvalidCursorException("cursor value");
      }
      if (!attribute.getValue().test(value)) {
        throw new InvalidCursorException("cursor outside the query: " + attribute.getKey());
      }
      startKey.put(attribute.getKey(), AttributeValue.fromS(value));
    }
    return startKey;
  }

  /**
   * What a cursor of a table query may hold: the partition read, and a sort key inside the range
   * read. Ordered and mutable, so an index query can add its own keys.
   */
  public static Map<String, Predicate<String>> tableKey(
      Predicate<String> partition, Predicate<String> sort) {
    Map<String, Predicate<String>> key = new LinkedHashMap<>();
    key.put(Attributes.PK, partition);
    key.put(Attributes.SK, sort);
    return key;
  }

  /** For a sort key that the key condition does not restrict. */
  public static boolean any(String value) {
    return true;
  }
}
