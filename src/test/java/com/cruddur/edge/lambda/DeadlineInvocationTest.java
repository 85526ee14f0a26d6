package com.cruddur.edge.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.activity.ActivityService;
import com.cruddur.activity.NewActivity;
import com.cruddur.activity.Ttl;
import com.cruddur.activity.store.DynamoActivityFeeds;
import com.cruddur.activity.store.DynamoActivityWrites;
import com.cruddur.local.dynamo.LocalEnvironment;
import com.cruddur.local.sam.HarnessContext;
import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.FaultyDynamo.Fault;
import com.cruddur.support.FaultyDynamo.Kind;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One deadline per invocation: a feed whose every Query is slow but succeeds (1.2 s, inside the
 * per-call budget) and that has to step over hundreds of expired activities would make 40 calls,
 * about 48 s, far past Lambda's timeout. Given the time Lambda says is left, the function stops
 * starting calls at its deadline and answers 503 {@code service_unavailable} inside the
 * invocation's time.
 */
class DeadlineInvocationTest {

  static final Duration INVOCATION_TIME = Duration.ofSeconds(9);
  static final Duration SLOW_QUERY = Duration.ofMillis(1200);
  static FaultyDynamo dynamo;

  @BeforeAll
  static void aUserWhoseFeedStartsWithManyExpiredActivities() {
    TestLambda.harness();
    LocalEnvironment env = TestDynamo.freshSeeded();
    dynamo = FaultyDynamo.in(env.endpoint());
    // Init as Lambda does it: the first invocation of this JVM initialises the handler class.
    assertThat(
            TestLambda.invoke("HealthCheckFunction", TestLambda.event("health-check.json"))
                .status())
        .isEqualTo(200);
    UserRepository users = new UserRepository(env.client(), env.tableName());
    User slowpoke = new User(UUID.randomUUID(), "slowpoke", "Slow Poke", Optional.empty());
    assertThat(users.create(slowpoke, Instant.now())).isTrue();
    DynamoActivityFeeds feeds = new DynamoActivityFeeds(env.client(), env.tableName());
    ActivityService service =
        new ActivityService(
            new DynamoActivityWrites(env.client(), env.tableName(), feeds), feeds, users);
    Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
    for (int i = 0; i < 250; i++) {
      service.publish(
          UUID.randomUUID(),
          slowpoke,
          new NewActivity("long gone " + i, Ttl.ONE_HOUR),
          twoDaysAgo.plusMillis(i));
    }
  }

  @AfterEach
  void disarm() throws InterruptedException {
    dynamo.clear();
    dynamo.awaitIdle(Duration.ofSeconds(60));
  }

  record Answer(int status, String body, long millis) {}

  static Answer userFeed(Duration invocationTime) throws Exception {
    ObjectNode event =
        TestLambda.withQuery(
            TestLambda.withPath(
                TestLambda.event("user-activities.json"), "/api/activities/@slowpoke", "@slowpoke"),
            Map.of("limit", "1"));
    HarnessContext context =
        new HarnessContext(
            "deadline-test",
            "cruddur-local-show-activity",
            1536,
            System.nanoTime() + invocationTime.toNanos(),
            "us-east-1",
            null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = System.nanoTime();
    new StreamLambdaHandler()
        .handleRequest(
            new ByteArrayInputStream(TestLambda.JSON.writeValueAsBytes(event)), out, context);
    long millis = (System.nanoTime() - start) / 1_000_000;
    JsonNode response = TestLambda.JSON.readTree(out.toByteArray());
    return new Answer(response.get("statusCode").asInt(), response.get("body").asText(), millis);
  }

  @Test
  void withDynamoDbFastTheFeedAnswersInTheTemplatesTimeout() throws Exception {
    // 40 quick calls (the pager's budget) fit the 8.5 s a 15 s function leaves for DynamoDB.
    Answer answer = userFeed(Duration.ofSeconds(15));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void withEveryQuerySlowTheFeedAnswers503InsideTheInvocationsTime() throws Exception {
    dynamo.arm(new Fault("Query", Kind.DELAY, -1, SLOW_QUERY));
    dynamo.calls(true);
    Answer answer = userFeed(INVOCATION_TIME);
    long queries = dynamo.calls(true).stream().filter("Query"::equals).count();

    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    assertThat(answer.body()).isEqualTo("[\"service_unavailable\"]");
    // The budget is what Lambda said was left: the deadline (that less the reserve) makes this hold
    // with room.
    assertThat(answer.millis()).as("ms").isLessThan(INVOCATION_TIME.toMillis());
    assertThat(queries).as("Query calls started").isBetween(1L, 39L);
  }
}
