package com.cruddur.local.tools.load;

import com.cruddur.activity.ActivityService;
import com.cruddur.activity.NewActivity;
import com.cruddur.activity.Ttl;
import com.cruddur.activity.store.DynamoActivityFeeds;
import com.cruddur.activity.store.DynamoActivityWrites;
import com.cruddur.common.PageRequest;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The load run's baseline: per route, the DynamoDB requests our store makes for it, sent directly
 * with a plain SDK client to the same DynamoDB Local, by the same number of clients with the same
 * mix: no HTTP, no Spring, no call budget, no telemetry.
 *
 * <p>The requests are not copies: they are recorded from the store's own code ({@link
 * ActivityService} over {@link DynamoActivityFeeds}, {@link DynamoActivityWrites} and {@link
 * UserRepository}) through {@link RecordingDynamoDb}. Reads are recorded once per phase (their
 * answers move little while a run adds activities) and then replayed; each create is recorded
 * afresh outside its timed part (its own uuid and idempotency key, so every condition holds as it
 * does for our stack) and then sent. A create's calls are what the route makes: the current user's
 * GetItem, then the TransactWriteItems (plus, once per phase as once per server, the feed-day
 * PutItem).
 */
final class Baseline {

  /** The user the local server writes as. */
  static final String AUTHOR = "andrewbrown";

  private final DynamoDbClient plain;
  private final String table;
  private final Route.Mix mix;
  private final Settings.BaselineWrite write;

  /** What each route's calls were at the last phase's start, by operation. */
  private final Map<Route, String> shapes = Collections.synchronizedMap(new EnumMap<>(Route.class));

  Baseline(DynamoDbClient plain, String table, Route.Mix mix, Settings.BaselineWrite write) {
    this.plain = plain;
    this.table = table;
    this.mix = mix;
    this.write = write;
  }

  /** The DynamoDB operations each route sends, as last recorded, by route label. */
  Map<String, String> shapes() {
    Map<String, String> out = new LinkedHashMap<>();
    synchronized (shapes) {
      shapes.forEach((route, shape) -> out.put(route.label, shape));
    }
    return out;
  }

  Figures run(int clients, Duration length, List<String> errorSamples) throws InterruptedException {
    RecordingDynamoDb reads = new RecordingDynamoDb(plain);
    UserRepository users = new UserRepository(reads, table);
    DynamoActivityFeeds feeds = new DynamoActivityFeeds(reads, table);
    ActivityService readService = new ActivityService(null, feeds, users);
    Instant now = Instant.now();
    PageRequest page = PageRequest.first(PageRequest.DEFAULT_LIMIT);
    readService.home(now, page);
    List<RecordingDynamoDb.Call> home = reads.take();
    List<List<RecordingDynamoDb.Call>> userFeeds = new ArrayList<>();
    for (String handle : Route.HANDLES) {
      readService.userActivities(now, handle, page);
      userFeeds.add(reads.take());
    }
    List<List<RecordingDynamoDb.Call>> searches = new ArrayList<>();
    for (String term : Route.TERMS) {
      readService.search(now, ActivityService.searchWords(term), page);
      searches.add(reads.take());
    }
    User author =
        users
            .findByHandle(AUTHOR)
            .orElseThrow(() -> new IllegalStateException(AUTHOR + " is not seeded"));
    List<RecordingDynamoDb.Call> currentUser = reads.take();

    // Writes are only recorded; one store for every client, as in the server.
    RecordingDynamoDb writes = new RecordingDynamoDb(null);
    ActivityService writeService =
        new ActivityService(
            new DynamoActivityWrites(writes, table, feeds),
            feeds,
            new UserRepository(writes, table));

    shapes.put(Route.HOME, operations(home));
    shapes.put(Route.USER_FEED, operations(userFeeds.get(0)));
    shapes.put(Route.SEARCH, operations(searches.get(0)));

    Figures.Tally tally = new Figures.Tally();
    double seconds =
        Clients.run(
            clients,
            length,
            "baseline-client",
            mix,
            (route, draw) -> {
              List<RecordingDynamoDb.Call> calls =
                  switch (route) {
                    case HOME -> home;
                    case USER_FEED -> userFeeds.get(Route.variant(draw));
                    case SEARCH -> searches.get(Route.variant(draw));
                    case CREATE -> create(writeService, writes, author, currentUser);
                  };
              long start = System.nanoTime();
              boolean failed = false;
              try {
                for (RecordingDynamoDb.Call call : calls) {
                  call.send().accept(plain);
                }
              } catch (SdkException e) {
                failed = true;
                if (errorSamples.size() < 10) {
                  errorSamples.add("baseline " + route.label + " → " + e);
                }
              }
              tally.record(route.label, (System.nanoTime() - start) / 1000, failed);
            });
    return tally.figures(seconds);
  }

  /** One create's calls, recorded from the store with a new uuid and key (not timed). */
  private List<RecordingDynamoDb.Call> create(
      ActivityService service,
      RecordingDynamoDb writes,
      User author,
      List<RecordingDynamoDb.Call> currentUser) {
    service.create(
        Instant.now(),
        author,
        new NewActivity("load test " + UUID.randomUUID(), Ttl.ONE_HOUR),
        Optional.of(UUID.randomUUID().toString()));
    List<RecordingDynamoDb.Call> calls = new ArrayList<>(currentUser);
    for (RecordingDynamoDb.Call call : writes.take()) {
      calls.add(
          write == Settings.BaselineWrite.PUT
                  && call.request() instanceof TransactWriteItemsRequest transaction
              ? activityOnly(transaction)
              : call);
    }
    shapes.put(Route.CREATE, operations(calls));
    return calls;
  }

  /** The transaction's first write (the activity item, with its condition) as one PutItem. */
  static RecordingDynamoDb.Call activityOnly(TransactWriteItemsRequest transaction) {
    Put put = transaction.transactItems().get(0).put();
    PutItemRequest request =
        PutItemRequest.builder()
            .tableName(put.tableName())
            .item(put.item())
            .conditionExpression(put.conditionExpression())
            .expressionAttributeNames(put.expressionAttributeNames())
            .build();
    return new RecordingDynamoDb.Call("PutItem", request, c -> c.putItem(request));
  }

  /** "GetItem, TransactWriteItems (4 items)" for the report. */
  static String operations(List<RecordingDynamoDb.Call> calls) {
    return calls.stream()
        .map(
            call ->
                call.request() instanceof TransactWriteItemsRequest t
                    ? call.operation() + " (" + t.transactItems().size() + " items)"
                    : call.operation())
        .collect(Collectors.joining(", "));
  }
}
