package com.cruddur.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Encodes the key of the last item of a page as an opaque, URL-safe cursor, and decodes it back only if it has
 * exactly the key attributes the query expects and stays inside the partition being read. A tampered cursor is
 * therefore a 400, never a DynamoDB ValidationException (500) and never a read of someone else's partition.
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

  public static Map<String, AttributeValue> decode(String cursor, List<String> keyAttributes, String partitionAttribute,
      java.util.function.Predicate<String> partitionAllowed) {
    if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
      throw new InvalidCursorException("cursor length");
    }
    Map<String, Object> key;
    try {
      byte[] json = Base64.getUrlDecoder().decode(cursor);
      key = JSON.readValue(new String(json, StandardCharsets.UTF_8), new TypeReference<Map<String, Object>>() {});
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new InvalidCursorException("cursor encoding");
    }
    if (key == null || !key.keySet().equals(new java.util.HashSet<>(keyAttributes))) {
      throw new InvalidCursorException("cursor attributes");
    }
    Map<String, AttributeValue> startKey = new LinkedHashMap<>();
    for (String attribute : keyAttributes) {
      if (!(key.get(attribute) instanceof String value) || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
        throw new InvalidCursorException("cursor value");
      }
      startKey.put(attribute, AttributeValue.fromS(value));
    }
    if (!partitionAllowed.test(startKey.get(partitionAttribute).s())) {
      throw new InvalidCursorException("cursor partition");
    }
    return startKey;
  }
}
