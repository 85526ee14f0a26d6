package com.cruddur.edge.lambda;

import static com.cruddur.support.TestLambda.event;
import static com.cruddur.support.TestLambda.invoke;
import static com.cruddur.support.TestLambda.json;
import static com.cruddur.support.TestLambda.withBody;
import static com.cruddur.support.TestLambda.withHeader;
import static com.cruddur.support.TestLambda.withQuery;
import static com.cruddur.support.TestLambda.withSubject;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Direct messages through the Lambda handlers, one template function per route, on DynamoDB Local
 * with the seeded conversations, each request carrying the identity API Gateway's Cognito
 * authorizer verified.
 */
class LambdaMessagesTest {

  static final String ANDREW = "local-sub-andrewbrown";
  static final String WORF = "local-sub-worf";
  static final String COCO = "local-sub-coco";
  static final String LONDO = "local-sub-londo";
  static final List<String> MESSAGE_FIELDS =
      List.of("uuid", "handle", "display_name", "message", "created_at");

  @BeforeAll
  static void seed() {
    TestDynamo.freshSeeded();
  }

  static ApiResponse groups(String subject, Map<String, String> query) {
    return invoke(
        "MessageGroupsFunction",
        withQuery(withSubject(event("message-groups.json"), subject), query));
  }

  static ApiResponse conversation(String subject, String handle, Map<String, String> query) {
    ObjectNode e = withSubject(event("messages.json"), subject);
    e.put("path", "/api/messages/@" + handle);
    ((ObjectNode) e.get("requestContext")).put("path", "/prod/api/messages/@" + handle);
    e.putObject("pathParameters").put("handle", "@" + handle);
    return invoke("MessagesFunction", withQuery(e, query));
  }

  static ApiResponse send(String subject, String to, String message) {
    return invoke(
        "CreateMessageFunction",
        withSubject(
            withBody(
                event("create-message.json"),
                json(Map.of("message", message, "user_receiver_handle", to))),
            subject));
  }

  static List<String> field(JsonNode array, String name) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.get(name).asText()));
    return values;
  }

  @Test
  void aSentMessageTopsBothListsAndEndsTheConversationForBothParticipants() {
    ApiResponse sent = send(COCO, "londo", "Londo, about that documentary");
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    JsonNode message = sent.json();
    assertThat(message.fieldNames()).toIterable().containsExactlyElementsOf(MESSAGE_FIELDS);
    assertThat(message.get("handle").asText()).isEqualTo("coco");

    // Read right after the send: this holds on DynamoDB Local, whose indexes update at once; on AWS
    // the lists are read from a GSI, eventually consistent, and may lag the send briefly (the
    // frontend appends the POST's response itself and does not re-read the lists).
    JsonNode cocos = groups(COCO, null).json();
    assertThat(field(cocos, "handle")).containsExactly("londo", "worf");
    assertThat(cocos.get(0).fieldNames()).toIterable().containsExactlyElementsOf(MESSAGE_FIELDS);
    assertThat(cocos.get(0).get("display_name").asText()).isEqualTo("Londo Mollari");
    assertThat(cocos.get(0).get("created_at").asText())
        .isEqualTo(message.get("created_at").asText());
    JsonNode londos = groups(LONDO, null).json();
    assertThat(field(londos, "handle")).containsExactly("coco");
    assertThat(londos.get(0).get("uuid").asText()).isEqualTo(cocos.get(0).get("uuid").asText());
    assertThat(londos.get(0).get("message").asText()).isEqualTo("Londo, about that documentary");

    ApiResponse reply = send(LONDO, "coco", "Ah, Coco. Later.");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(field(conversation(COCO, "londo", null).json(), "message"))
        .containsExactly("Londo, about that documentary", "Ah, Coco. Later.");
    assertThat(field(conversation(LONDO, "coco", null).json(), "uuid"))
        .containsExactly(message.get("uuid").asText(), reply.json().get("uuid").asText());
  }

  /** Two identities, each asking for everything it can name: neither reaches the other's pair. */
  @Test
  void anotherUsersConversationIsNeverReadable() {
    String secret = "only for worf's eyes " + System.nanoTime();
    assertThat(send(ANDREW, "worf", secret).status()).isEqualTo(200);

    for (String outsider : List.of(COCO, LONDO)) {
      JsonNode lists = groups(outsider, Map.of("limit", "50")).json();
      assertThat(lists.toString()).doesNotContain(secret);
      for (String other : List.of("worf", "andrewbrown")) {
        ApiResponse read = conversation(outsider, other, Map.of("limit", "50"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(secret);
      }
    }
    // The participants do see it, each under the other's handle.
    assertThat(conversation(ANDREW, "worf", null).body()).contains(secret);
    assertThat(conversation(WORF, "andrewbrown", null).body()).contains(secret);
    // A cursor taken from andrew's conversation does not open it for coco.
    String cursor = conversation(ANDREW, "worf", Map.of("limit", "1")).nextCursor();
    assertThat(cursor).isNotNull();
    ApiResponse forged = conversation(COCO, "worf", Map.of("cursor", cursor));
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.body()).isEqualTo("[\"cursor_invalid\"]");
  }

  @Test
  void listsArePagedWithANextLink() {
    ApiResponse first = conversation(ANDREW, "garek", Map.of("limit", "1"));
    assertThat(first.status()).isEqualTo(200);
    assertThat(field(first.json(), "message"))
        .containsExactly("Thank you! I will come by on Friday.");
    String cursor = first.nextCursor();
    ApiResponse second = conversation(ANDREW, "garek", Map.of("limit", "1", "cursor", cursor));
    assertThat(field(second.json(), "message"))
        .containsExactly("My dear, your suit is ready for fitting.");

    ApiResponse groupPage = groups(ANDREW, Map.of("limit", "1"));
    assertThat(groupPage.json()).hasSize(1);
    ApiResponse rest = groups(ANDREW, Map.of("limit", "50", "cursor", groupPage.nextCursor()));
    assertThat(field(rest.json(), "handle"))
        .doesNotContain(groupPage.json().get(0).get("handle").asText());
    assertThat(rest.json().size() + 1)
        .isEqualTo(groups(ANDREW, Map.of("limit", "50")).json().size());
  }

  /** Andrew's send to lore of {@code message} under {@code key}, as the frontend would retry it. */
  static ObjectNode keyedSend(String message, String key) {
    return withHeader(
        withSubject(
            withBody(
                event("create-message.json"),
                json(Map.of("message", message, "user_receiver_handle", "lore"))),
            ANDREW),
        "Idempotency-Key",
        key);
  }

  @Test
  void aRetriedSendWithItsKeyAnswersTheFirstMessageAndStoresNothingNew() {
    ObjectNode keyed = keyedSend("exactly once", "lambda-message-0001");
    ApiResponse first = invoke("CreateMessageFunction", keyed);
    assertThat(first.status()).isEqualTo(200);
    TableSnapshot before = TestDynamo.snapshot();
    ApiResponse again = invoke("CreateMessageFunction", keyed);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(before.writesSince()).isEmpty();

    ApiResponse refused =
        invoke("CreateMessageFunction", keyedSend("something else", "lambda-message-0001"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body()).isEqualTo("[\"idempotency_key_reused\"]");
  }
}
