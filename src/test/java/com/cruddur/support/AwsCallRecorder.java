package com.cruddur.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Records every AWS API call the application makes while a recording is open, as the IAM request it
 * becomes: the IAM action, the resource ARN (fake account and region, the real table, index and
 * secret names) and, for DynamoDB, the partition-key values ({@code dynamodb:LeadingKeys}).
 *
 * <p>Registered for every SDK client in the test JVM through the SDK's global interceptor file
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors} in src/test/resources), so
 * production code builds its clients unchanged. Outside a recording it does nothing.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

  public static final String REGION = "us-east-1";
  public static final String ACCOUNT = "123456789012";

  /** One IAM request: what an identity-based policy must allow for the call to succeed. */
  public record AwsCall(String action, String resource, Set<String> leadingKeys, String path) {
    @Override
    public String toString() {
      return action
          + " on "
          + resource
          + (leadingKeys.isEmpty() ? "" : " keys " + leadingKeys)
          + " ("
          + path
          + ")";
    }
  }

  private static final Pattern KEY_EQUALS =
      Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");
  private static volatile Recording current;

  /**
   * Partition-key attribute of the table ("") and of each index, by name; set by the test from
   * template.yaml.
   */
  private static volatile Map<String, String> partitionKeys = Map.of("", "pk");

  private static final class Recording {
    final List<AwsCall> calls = new CopyOnWriteArrayList<>();
    volatile String path = "";
  }

  public static void partitionKeys(Map<String, String> byIndex) {
    partitionKeys = Map.copyOf(byIndex);
  }

  /** Runs {@code action} and returns the calls it made (on any thread); recordings do not nest. */
  public static synchronized List<AwsCall> record(String path, Runnable action) {
    Recording recording = new Recording();
    recording.path = path;
    current = recording;
    try {
      action.run();
    } finally {
      current = null;
    }
    return List.copyOf(recording.calls);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Recording recording = current;
    if (recording == null) {
      return;
    }
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    recording.calls.addAll(calls(service, operation, context.request(), recording.path));
  }

  static List<AwsCall> calls(String service, String operation, SdkRequest request, String path) {
    List<AwsCall> calls = new ArrayList<>();
    if (request instanceof GetItemRequest r) {
      calls.add(dynamo("GetItem", r.tableName(), null, keys(r.key()), path));
    } else if (request instanceof PutItemRequest r) {
      calls.add(dynamo("PutItem", r.tableName(), null, keys(r.item()), path));
    } else if (request instanceof UpdateItemRequest r) {
      calls.add(dynamo("UpdateItem", r.tableName(), null, keys(r.key()), path));
    } else if (request instanceof DeleteItemRequest r) {
      calls.add(dynamo("DeleteItem", r.tableName(), null, keys(r.key()), path));
    } else if (request instanceof QueryRequest r) {
      calls.add(dynamo("Query", r.tableName(), r.indexName(), queryPartition(r), path));
    } else if (request instanceof ScanRequest r) {
      calls.add(dynamo("Scan", r.tableName(), r.indexName(), Set.of(), path));
    } else if (request instanceof BatchGetItemRequest r) {
      r.requestItems()
          .forEach(
              (table, keys) -> {
                Set<String> partitions = new LinkedHashSet<>();
                keys.keys().forEach(k -> partitions.addAll(keys(k)));
                calls.add(dynamo("BatchGetItem", table, null, partitions, path));
              });
    } else if (request instanceof BatchWriteItemRequest r) {
      r.requestItems()
          .forEach(
              (table, writes) -> {
                Set<String> partitions = new LinkedHashSet<>();
                writes.forEach(
                    w ->
                        partitions.addAll(
                            keys(
                                w.putRequest() != null
                                    ? w.putRequest().item()
                                    : w.deleteRequest().key())));
                calls.add(dynamo("BatchWriteItem", table, null, partitions, path));
              });
    } else if (request instanceof TransactWriteItemsRequest r) {
      // IAM has no TransactWriteItems action: each item is authorised as the write it is.
      for (TransactWriteItem item : r.transactItems()) {
        if (item.put() != null) {
          calls.add(dynamo("PutItem", item.put().tableName(), null, keys(item.put().item()), path));
        } else if (item.update() != null) {
          calls.add(
              dynamo(
                  "UpdateItem", item.update().tableName(), null, keys(item.update().key()), path));
        } else if (item.delete() != null) {
          calls.add(
              dynamo(
                  "DeleteItem", item.delete().tableName(), null, keys(item.delete().key()), path));
        } else if (item.conditionCheck() != null) {
          calls.add(
              dynamo(
                  "ConditionCheckItem",
                  item.conditionCheck().tableName(),
                  null,
                  keys(item.conditionCheck().key()),
                  path));
        }
      }
    } else if (request instanceof TransactGetItemsRequest r) {
      r.transactItems()
          .forEach(
              item ->
                  calls.add(
                      dynamo(
                          "GetItem", item.get().tableName(), null, keys(item.get().key()), path)));
    } else if (request instanceof GetSecretValueRequest r) {
      calls.add(new AwsCall("secretsmanager:GetSecretValue", r.secretId(), Set.of(), path));
    } else {
      // Anything else is recorded by name, so a new kind of call cannot slip past the policy check
      // unseen.
      calls.add(new AwsCall(iamPrefix(service) + ":" + operation, "*", Set.of(), path));
    }
    return calls;
  }

  private static AwsCall dynamo(
      String action, String table, String index, Set<String> leadingKeys, String path) {
    String arn = tableArn(table) + (index == null ? "" : "/index/" + index);
    return new AwsCall("dynamodb:" + action, arn, Set.copyOf(leadingKeys), path);
  }

  public static String tableArn(String table) {
    return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + table;
  }

  private static Set<String> keys(Map<String, AttributeValue> key) {
    AttributeValue pk = key.get(partitionKeys.get(""));
    return pk == null || pk.s() == null ? Set.of() : Set.of(pk.s());
  }

  /**
   * The partition-key value a query reads: {@code <partition key> = :value} in its key condition.
   */
  private static Set<String> queryPartition(QueryRequest r) {
    String partitionKey = partitionKeys.get(r.indexName() == null ? "" : r.indexName());
    Matcher m =
        KEY_EQUALS.matcher(r.keyConditionExpression() == null ? "" : r.keyConditionExpression());
    while (m.find()) {
      String name =
          m.group(1).startsWith("#") ? r.expressionAttributeNames().get(m.group(1)) : m.group(1);
      if (name != null && name.equals(partitionKey)) {
        AttributeValue value = r.expressionAttributeValues().get(m.group(2));
        return value == null || value.s() == null ? Set.of() : Set.of(value.s());
      }
    }
    throw new IllegalStateException("no partition key condition in " + r.keyConditionExpression());
  }

  private static String iamPrefix(String service) {
    return service == null ? "unknown" : service.toLowerCase(Locale.ROOT).replace(" ", "");
  }
}
