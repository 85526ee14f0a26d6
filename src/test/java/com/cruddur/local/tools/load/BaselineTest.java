package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.activity.ActivityService;
import com.cruddur.activity.NewActivity;
import com.cruddur.activity.Ttl;
import com.cruddur.activity.store.DynamoActivityFeeds;
import com.cruddur.activity.store.DynamoActivityWrites;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The baseline's create is the store's own request, recorded, not a copy of it. */
class BaselineTest {

  private static final User AUTHOR =
      new User(UUID.randomUUID(), "andrewbrown", "Andrew Brown", Optional.empty());

  private static List<RecordingDynamoDb.Call> recordCreate(RecordingDynamoDb writes) {
    DynamoActivityFeeds feeds = new DynamoActivityFeeds(writes, "table");
    new ActivityService(
            new DynamoActivityWrites(writes, "table", feeds),
            feeds,
            new UserRepository(writes, "table"))
        .create(
            Instant.parse("2026-12-02T17:00:00Z"),
            AUTHOR,
            new NewActivity("load test one", Ttl.ONE_HOUR),
            Optional.of("key-0001"));
    return writes.take();
  }

  @Test
  void aRecordedCreateIsTheStoresTransactionWithItsConditionsAndIsNotSent() {
    RecordingDynamoDb writes = new RecordingDynamoDb(null);

    List<RecordingDynamoDb.Call> calls = recordCreate(writes);

    // The transaction, then the feed-day mark the store writes once per container and day.
    assertThat(calls)
        .extracting(RecordingDynamoDb.Call::operation)
        .containsExactly("TransactWriteItems", "PutItem");
    TransactWriteItemsRequest transaction = (TransactWriteItemsRequest) calls.get(0).request();
    // The activity, the idempotency claim, then a search entry per word of message and handle.
    assertThat(transaction.transactItems()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(transaction.transactItems().get(0).put().conditionExpression())
        .isEqualTo("attribute_not_exists(#pk)");
    assertThat(transaction.transactItems().get(1).put().item().get("pk").s()).startsWith("IDEM#");
    assertThat(Baseline.operations(calls)).startsWith("TransactWriteItems (");
    assertThat(writes.take()).isEmpty();
  }

  @Test
  void thePutVariantIsTheActivityItemAloneWithItsCondition() {
    TransactWriteItemsRequest transaction =
        (TransactWriteItemsRequest) recordCreate(new RecordingDynamoDb(null)).get(0).request();

    RecordingDynamoDb.Call put = Baseline.activityOnly(transaction);

    PutItemRequest request = (PutItemRequest) put.request();
    assertThat(put.operation()).isEqualTo("PutItem");
    assertThat(request.item()).isEqualTo(transaction.transactItems().get(0).put().item());
    assertThat(request.item().get("pk").s()).startsWith("ACT#");
    assertThat(request.conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
    assertThat(request.tableName()).isEqualTo("table");
  }
}
