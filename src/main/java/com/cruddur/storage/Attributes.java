package com.cruddur.storage;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attribute and index names of the single table. The design, with its access patterns, is in docs/table-design.md;
 * template.yaml declares the same names.
 */
public final class Attributes {

  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String GSI1 = "gsi1";
  public static final String GSI1_PK = "gsi1pk";
  public static final String GSI1_SK = "gsi1sk";
  public static final String GSI2 = "gsi2";
  public static final String GSI2_PK = "gsi2pk";
  public static final String GSI2_SK = "gsi2sk";
  /** Epoch seconds; DynamoDB TTL deletes the item some time after this. Reads never rely on that deletion. */
  public static final String TTL = "ttl";

  public static final List<String> TABLE_KEY = List.of(PK, SK);
  public static final List<String> GSI1_KEY = List.of(PK, SK, GSI1_PK, GSI1_SK);
  public static final List<String> GSI2_KEY = List.of(PK, SK, GSI2_PK, GSI2_SK);

  private Attributes() {}

  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
  }

  public static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  public static int n(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
  }

  public static long nLong(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null ? 0L : Long.parseLong(value.n());
  }
}
