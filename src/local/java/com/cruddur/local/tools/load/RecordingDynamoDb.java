package com.cruddur.local.tools.load;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * A DynamoDB client that writes down every request the store's own code makes, so the baseline can
 * send exactly those requests (same keys, conditions, items) without our stack. Reads go to {@code
 * reads} (the store needs their answers); writes are only written down, never sent, so the baseline
 * decides when to send them and times only that. Only the calls the store makes are supported; any
 * other throws, which shows up as a baseline error rather than a silently different shape.
 */
final class RecordingDynamoDb implements DynamoDbClient {

  /** One recorded request, to be sent by {@link #send}. */
  record Call(String operation, DynamoDbRequest request, Consumer<DynamoDbClient> send) {}

  private final DynamoDbClient reads;

  /** Per thread, so one recorder (and one store over it) serves every client. */
  private final ThreadLocal<List<Call>> calls = ThreadLocal.withInitial(ArrayList::new);

  /**
   * @param reads where reads go while recording; null when the recorded code path makes none
   */
  RecordingDynamoDb(DynamoDbClient reads) {
    this.reads = reads;
  }

  /** What this thread recorded since its last call, in order; recording starts afresh. */
  List<Call> take() {
    List<Call> taken = List.copyOf(calls.get());
    calls.get().clear();
    return taken;
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return read("GetItem", request, c -> c.getItem(request));
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    return read("Query", request, c -> c.query(request));
  }

  @Override
  public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
    return read("BatchGetItem", request, c -> c.batchGetItem(request));
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    calls.get().add(new Call("TransactWriteItems", request, c -> c.transactWriteItems(request)));
    return TransactWriteItemsResponse.builder().build();
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    calls.get().add(new Call("PutItem", request, c -> c.putItem(request)));
    return PutItemResponse.builder().build();
  }

  private <R> R read(String operation, DynamoDbRequest request, Function<DynamoDbClient, R> call) {
    if (reads == null) {
      throw new IllegalStateException("this recording was not meant to read");
    }
    calls.get().add(new Call(operation, request, c -> requireNonNull(call.apply(c))));
    return call.apply(reads);
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    // The client reads go to belongs to the caller.
  }
}
