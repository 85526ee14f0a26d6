package com.cruddur.platform.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An item's primary key in the single table, instead of "pk|sk" strings. */
public record Key(String pk, String sk) {

  public static Key of(Map<String, AttributeValue> item) {
    return new Key(item.get(Attributes.PK).s(), item.get(Attributes.SK).s());
  }

  /** As DynamoDB takes it in GetItem, BatchGetItem and Update. */
  public Map<String, AttributeValue> attributes() {
    return Attributes.key(pk, sk);
  }
}
