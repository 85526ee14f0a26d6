package com.cruddur.platform.dynamo;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attribute and index names of the single table, and its key prefixes. The design, with its access
 * patterns, is in docs/table-design.md; template.yaml declares the same names.
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

  /**
   * gsi3 holds only conversation entries ({@code GRP#}), so that Query on it is granted to the
   * conversation-list function alone (gsi1 and gsi2 are queried by other roles with no key
   * condition; a private entry there would be readable by all of them).
   */
  public static final String GSI3 = "gsi3";

  public static final String GSI3_PK = "gsi3pk";
  public static final String GSI3_SK = "gsi3sk";

  /**
   * Epoch seconds; DynamoDB TTL deletes the item some time after this. Reads never rely on that
   * deletion.
   */
  public static final String TTL = "ttl";

  public static final List<String> TABLE_KEY = List.of(PK, SK);
  public static final List<String> GSI1_KEY = List.of(PK, SK, GSI1_PK, GSI1_SK);
  public static final List<String> GSI2_KEY = List.of(PK, SK, GSI2_PK, GSI2_SK);
  public static final List<String> GSI3_KEY = List.of(PK, SK, GSI3_PK, GSI3_SK);

  /**
   * Partition keys start with one of these, named once so a cursor check and a writer cannot
   * disagree.
   */
  public static final String USER_PREFIX = "USER#";

  public static final String COGNITO_SUB_PREFIX = "SUB#";
  public static final String ACTIVITY_PREFIX = "ACT#";
  public static final String USER_ACTIVITIES_PREFIX = "USERACT#";
  public static final String FEED_PREFIX = "FEED#";
  public static final String TERM_PREFIX = "TERM#";
  public static final String NOTIFICATIONS_PREFIX = "NOTIF#";
  public static final String IDEMPOTENCY_PREFIX = "IDEM#";

  /** One conversation's messages: {@code MSG#<conversation uuid>}. */
  public static final String MESSAGES_PREFIX = "MSG#";

  /** One user's conversation entries: {@code GRP#<user uuid>}, on the table and on gsi3. */
  public static final String MESSAGE_GROUPS_PREFIX = "GRP#";

  /** A sort key prefix: replies sit in their activity's partition. */
  public static final String REPLY_PREFIX = "REPLY#";

  /** A whole partition key: the one partition listing the days that have activities. */
  public static final String FEED_DAYS_PK = "FEEDDAYS";

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
