package com.cruddur.platform.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads pages from DynamoDB partitions with a hard budget of calls per HTTP request, so no request
 * can turn into an unbounded read however the data looks (for example many expired items at the
 * head of a partition).
 *
 * <p>One pager serves one HTTP request; it is not shared.
 */
public final class QueryPager {

  private static final Logger log = LoggerFactory.getLogger(QueryPager.class);

  /** At most this many Query calls for one HTTP request. */
  public static final int DEFAULT_CALL_BUDGET = 40;

  /**
   * Read a few more items than needed per call, to step over expired items without another round
   * trip.
   */
  private static final int OVERSCAN = 5;

  private final DynamoDbClient db;
  private int callsLeft;

  public QueryPager(DynamoDbClient db, int callBudget) {
    this.db = db;
    this.callsLeft = callBudget;
  }

  /**
   * @param items accepted items, at most {@code want}
   * @param resumeKey where to continue in this partition: the key of the last accepted item when
   *     the page filled, the last evaluated key when the budget ran out, or null when the partition
   *     has nothing more to read
   */
  public record Result(
      List<Map<String, AttributeValue>> items, Map<String, AttributeValue> resumeKey) {}

  /**
   * A Query of one partition of the table ({@code index} null) or of an index: {@code #pk = :pk},
   * the placeholder the debug line of {@link #read} names. The caller sets the direction.
   */
  public static QueryRequest.Builder partition(
      String table, String index, String pkName, String pk) {
    return partition(table, index, pkName, pk, Map.of(), Map.of(), "");
  }

  /** As {@link #partition(String, String, String, String)}, inside a range of sort keys. */
  public static QueryRequest.Builder partition(
      String table, String index, String pkName, String pk, SortKey sort) {
    return partition(
        table,
        index,
        pkName,
        pk,
        Map.of("#sk", sort.name()),
        sort.values(),
        " AND " + sort.condition());
  }

  private static QueryRequest.Builder partition(
      String table,
      String index,
      String pkName,
      String pk,
      Map<String, String> sortNames,
      Map<String, AttributeValue> sortValues,
      String sortCondition) {
    Map<String, String> names = new HashMap<>(sortNames);
    names.put("#pk", pkName);
    Map<String, AttributeValue> values = new HashMap<>(sortValues);
    values.put(":pk", AttributeValue.fromS(pk));
    return QueryRequest.builder()
        .tableName(table)
        .indexName(index)
        .keyConditionExpression("#pk = :pk" + sortCondition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values);
  }

  /** A condition on the sort key {@code name}, written against {@code #sk}. */
  public record SortKey(String name, String condition, Map<String, AttributeValue> values) {

    public static SortKey equalTo(String name, String value) {
      return new SortKey(name, "#sk = :sk", Map.of(":sk", AttributeValue.fromS(value)));
    }

    public static SortKey beginsWith(String name, String prefix) {
      return new SortKey(
          name, "begins_with(#sk, :sk)", Map.of(":sk", AttributeValue.fromS(prefix)));
    }

    public static SortKey between(String name, String low, String high) {
      return new SortKey(
          name,
          "#sk BETWEEN :low AND :high",
          Map.of(":low", AttributeValue.fromS(low), ":high", AttributeValue.fromS(high)));
    }
  }

  public boolean budgetLeft() {
    return callsLeft > 0;
  }

  /**
   * Reads one partition, starting after {@code startKey}, until {@code want} items pass {@code
   * accept}, the partition is exhausted, or the call budget is spent.
   *
   * @param request the query without Limit and ExclusiveStartKey
   */
  public Result read(
      QueryRequest request,
      int want,
      Map<String, AttributeValue> startKey,
      Predicate<Map<String, AttributeValue>> accept,
      List<String> keyAttributes) {
    List<Map<String, AttributeValue>> accepted = new ArrayList<>();
    Map<String, AttributeValue> exclusiveStart = startKey;
    while (callsLeft > 0) {
      callsLeft--;
      int remaining = want - accepted.size();
      QueryResponse response =
          db.query(
              request.toBuilder()
                  .limit(Math.min(100, remaining + OVERSCAN))
                  .exclusiveStartKey(exclusiveStart)
                  .build());
      if (log.isDebugEnabled()) {
        AttributeValue partition = request.expressionAttributeValues().get(":pk");
        log.debug(
            "Query {} partition {} read {} items",
            request.indexName() == null ? "table" : request.indexName(),
            partition == null ? "?" : partition.s(),
            response.count());
      }
      for (Map<String, AttributeValue> item : response.items()) {
        if (accept.test(item)) {
          accepted.add(item);
          if (accepted.size() == want) {
            return new Result(accepted, keyOf(item, keyAttributes));
          }
        }
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new Result(accepted, null);
      }
      exclusiveStart = response.lastEvaluatedKey();
    }
    return new Result(accepted, exclusiveStart);
  }

  public static Map<String, AttributeValue> keyOf(
      Map<String, AttributeValue> item, List<String> keyAttributes) {
    Map<String, AttributeValue> key = new HashMap<>();
    for (String attribute : keyAttributes) {
      key.put(attribute, item.get(attribute));
    }
    return key;
  }
}
