package com.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retried writes with an Idempotency-Key, through the real Lambda handlers against DynamoDB Local.
 */
class IdempotencyTest {

  @BeforeAll
  static void seed() {
    TestLambda.harness();
    TestDynamo.freshSeeded();
  }

  static ObjectNode create(String message, String key) {
    ObjectNode event =
        TestLambda.withBody(
            TestLambda.event("create-activity.json"),
            TestLambda.json(Map.of("message", message, "ttl", "1-day")));
    return key == null ? event : TestLambda.withHeader(event, "Idempotency-Key", key);
  }

  static ObjectNode reply(String message, String key) {
    ObjectNode event =
        TestLambda.withBody(
            TestLambda.event("create-reply.json"), TestLambda.json(Map.of("message", message)));
    return TestLambda.withHeader(event, "Idempotency-Key", key);
  }

  @Test
  void aCreateRetriedWithTheSameKeyAnswersTheFirstActivityAndStoresNothingNew() {
    String key = "retry-" + UUID.randomUUID();
    TableSnapshot before = TestDynamo.snapshot();
    ApiResponse first =
        TestLambda.invoke("CreateActivityFunction", create("only once please", key));
    TableSnapshot afterFirst = TestDynamo.snapshot();
    ApiResponse retried =
        TestLambda.invoke("CreateActivityFunction", create("only once please", key));
    ApiResponse again =
        TestLambda.invoke("CreateActivityFunction", create("only once please", key));

    assertThat(first.status()).isEqualTo(200);
    assertThat(before.addedSince()).isNotEmpty();
    for (ApiResponse replay : new ApiResponse[] {retried, again}) {
      assertThat(replay.status()).isEqualTo(200);
      assertThat(replay.json().get("uuid")).isEqualTo(first.json().get("uuid"));
      assertThat(replay.json().get("created_at")).isEqualTo(first.json().get("created_at"));
      assertThat(replay.json().get("message").asText()).isEqualTo("only once please");
    }
    assertThat(afterFirst.writesSince()).isEmpty();
  }

  @Test
  void theSameKeyOnADifferentRequestIsRefusedAndStoresNothing() {
    String key = "reused-" + UUID.randomUUID();
    assertThat(
            TestLambda.invoke("CreateActivityFunction", create("the first request", key)).status())
        .isEqualTo(200);
    TableSnapshot before = TestDynamo.snapshot();
    ApiResponse other =
        TestLambda.invoke("CreateActivityFunction", create("a different request", key));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().toString()).isEqualTo("[\"idempotency_key_reused\"]");
    assertThat(before.writesSince()).isEmpty();
  }

  @Test
  void withoutAKeyEveryCreateIsNewAndAMalformedKeyIsA400() {
    ApiResponse one = TestLambda.invoke("CreateActivityFunction", create("no key", null));
    ApiResponse two = TestLambda.invoke("CreateActivityFunction", create("no key", null));
    assertThat(one.json().get("uuid")).isNotEqualTo(two.json().get("uuid"));

    TableSnapshot before = TestDynamo.snapshot();
    for (String bad :
        new String[] {
          "short", "has spaces in it", "x".repeat(129), "semi;colon;key", "ünïcödé-key"
        }) {
      ApiResponse refused = TestLambda.invoke("CreateActivityFunction", create("bad key", bad));
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.json().toString()).isEqualTo("[\"idempotency_key_invalid\"]");
    }
    assertThat(before.writesSince()).isEmpty();
  }

  @Test
  void aReplyRetriedWithTheSameKeyIsOneReply() {
    String key = "reply-" + UUID.randomUUID();
    ApiResponse first = TestLambda.invoke("CreateReplyFunction", reply("replying once", key));
    TableSnapshot afterFirst = TestDynamo.snapshot();
    ApiResponse retried = TestLambda.invoke("CreateReplyFunction", reply("replying once", key));
    assertThat(first.status()).isEqualTo(200);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().get("uuid")).isEqualTo(first.json().get("uuid"));
    assertThat(afterFirst.writesSince()).isEmpty();
    assertThat(
            TestLambda.invoke("CreateReplyFunction", reply("replying differently", key)).status())
        .isEqualTo(422);
  }
}
