package com.cruddur.platform.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.FaultyDynamo.Fault;
import com.cruddur.support.FaultyDynamo.Kind;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DynamoDB throttling, failing, unavailable or too slow, injected by a loopback proxy in front of
 * DynamoDB Local, through the real Lambda handler: a 503 {@code ["service_unavailable"]} within the
 * client's own budget (4 s per call, 3 attempts of 1.5 s, inside the function's 15 s and API
 * Gateway's 29 s), and no partial write.
 */
class DynamoFaultsTest {

  /** A stalled call: longer than one attempt's 1.5 s, so every attempt times out. */
  static final Duration STALL = Duration.ofSeconds(3);

  /**
   * What a caller may wait at most: the function's 15 s timeout (inside API Gateway's 29 s) less a
   * margin. The client's own budget is 4 s per call; the slack is for a loaded machine, not for
   * more retries.
   */
  static final long BUDGET_MS = 10_000;

  static FaultyDynamo dynamo;

  @BeforeAll
  static void seed() {
    dynamo = TestLambda.harnessOnFreshFaultyDynamo();
  }

  @AfterEach
  void disarm() throws InterruptedException {
    dynamo.clear();
    // Stalled calls still in the proxy would otherwise reach DynamoDB Local during the next test.
    dynamo.awaitIdle(Duration.ofSeconds(60));
  }

  record Timed(ApiResponse response, long millis) {}

  static Timed timed(String function, ObjectNode event) {
    long start = System.nanoTime();
    ApiResponse response = TestLambda.invoke(function, event);
    return new Timed(response, (System.nanoTime() - start) / 1_000_000);
  }

  static ObjectNode create(String message) {
    return TestLambda.withBody(
        TestLambda.event("create-activity.json"),
        TestLambda.json(Map.of("message", message, "ttl", "1-day")));
  }

  static long attempts(String operation) {
    return dynamo.calls(true).stream().filter(operation::equals).count();
  }

  @ParameterizedTest
  // A cancelled transaction is a write's answer, not a read's.
  @EnumSource(value = Kind.class, names = "TRANSACTION_CANCELED", mode = EnumSource.Mode.EXCLUDE)
  void aReadThatKeepsFailingIsA503WithinTheBudget(Kind kind) {
    dynamo.arm(new Fault("Query", kind, -1, STALL));
    dynamo.calls(true);
    Timed home = timed("HomeActivitiesFunction", TestLambda.event("home.json"));
    assertThat(home.response().status()).isEqualTo(503);
    assertThat(home.response().json().toString()).isEqualTo("[\"service_unavailable\"]");
    assertThat(home.response().header("Content-Type")).startsWith("application/json");
    assertThat(home.millis()).as("ms").isLessThan(BUDGET_MS);
    assertThat(attempts("Query")).as("bounded retries").isBetween(1L, 3L);
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"THROTTLE", "INTERNAL_ERROR", "UNAVAILABLE"})
  void aWriteThatKeepsFailingIsA503AndStoresNothing(Kind kind) {
    TableSnapshot before = TestDynamo.snapshot();
    dynamo.arm(new Fault("TransactWriteItems", kind, -1, Duration.ZERO));
    dynamo.calls(true);
    Timed created = timed("CreateActivityFunction", create("refused by " + kind));
    assertThat(created.response().status()).isEqualTo(503);
    assertThat(created.response().json().toString()).isEqualTo("[\"service_unavailable\"]");
    assertThat(created.millis()).as("ms").isLessThan(BUDGET_MS);
    assertThat(attempts("TransactWriteItems")).as("bounded retries").isEqualTo(3);
    assertThat(before.writesSince()).isEmpty();
  }

  @Test
  void aWriteThatStallsIsA503AndLandsWholeOrNotAtAll() throws Exception {
    int itemsPerCreate = itemsPerCreate("stalled");
    TableSnapshot before = TestDynamo.snapshot();
    dynamo.arm(new Fault("TransactWriteItems", Kind.DELAY, -1, STALL));
    Timed created = timed("CreateActivityFunction", create("stalled " + UUID.randomUUID()));
    assertThat(created.response().status()).isEqualTo(503);
    assertThat(created.millis()).as("ms").isLessThan(BUDGET_MS);
    // The proxy still delivers the stalled attempts after the client gave up (as a slow network
    // would). The transaction is all or nothing and its attempts share one idempotency token, so it
    // lands once or never.
    dynamo.awaitIdle(Duration.ofSeconds(60));
    assertThat(before.addedSince().size()).isIn(0, itemsPerCreate);
  }

  @Test
  void aWriteThrottledOnceIsRetriedAndStoredOnce() {
    int itemsPerCreate = itemsPerCreate("retried");
    TableSnapshot before = TestDynamo.snapshot();
    dynamo.arm(new Fault("TransactWriteItems", Kind.THROTTLE, 1, Duration.ZERO));
    dynamo.calls(true);
    Timed created = timed("CreateActivityFunction", create("retried " + UUID.randomUUID()));
    assertThat(created.response().status()).isEqualTo(200);
    assertThat(attempts("TransactWriteItems")).isEqualTo(2);
    assertThat(before.addedSince()).hasSize(itemsPerCreate);
  }

  /**
   * How many items one successful create of "{@code word} <uuid>" writes (the activity and one
   * search entry per word), measured with a message of the same shape.
   */
  private static int itemsPerCreate(String word) {
    TableSnapshot before = TestDynamo.snapshot();
    assertThat(
            TestLambda.invoke("CreateActivityFunction", create(word + " " + UUID.randomUUID()))
                .status())
        .isEqualTo(200);
    return before.addedSince().size();
  }
}
