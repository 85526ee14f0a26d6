package com.cruddur.local.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.ApiResponse;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestCognito;
import com.cruddur.support.TestDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Messages pages' calls against the local server over real HTTP, with the seeded conversations:
 * the same requests the Cruddur frontend makes (Accept and Content-Type JSON, a bearer token).
 */
@SpringBootTest(
    classes = LocalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1"})
class LocalMessagesTest {

  static final String ANDREW = TestCognito.get().accessToken("local-sub-andrewbrown");
  static final String WORF = TestCognito.get().accessToken("local-sub-worf");
  static final String GAREK = TestCognito.get().accessToken("local-sub-garek");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void dynamo(DynamicPropertyRegistry registry) {
    LocalServerSettings.freshTable(registry);
    LocalServerSettings.cognito(registry);
  }

  ApiResponse get(String token, String path) throws Exception {
    return new LocalHttp(port)
        .send(
            "GET",
            path,
            BodyPublishers.noBody(),
            withToken(token, "Origin", LocalHttp.FRONTEND, "Accept", "application/json"));
  }

  ApiResponse post(String token, String json) throws Exception {
    return new LocalHttp(port)
        .send(
            "POST",
            "/api/messages",
            BodyPublishers.ofString(json),
            withToken(
                token,
                "Origin",
                LocalHttp.FRONTEND,
                "Accept",
                "application/json",
                "Content-Type",
                "application/json"));
  }

  static String[] withToken(String token, String... headers) {
    List<String> all = new ArrayList<>(List.of(headers));
    if (token != null) {
      all.addAll(List.of("Authorization", "Bearer " + token));
    }
    return all.toArray(String[]::new);
  }

  static List<String> field(JsonNode array, String name) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.get(name).asText()));
    return values;
  }

  @Test
  void listOpenAndSendAsTheMessagesPagesDo() throws Exception {
    ApiResponse groups = get(ANDREW, "/api/message_groups");
    assertThat(groups.status()).as(groups.body()).isEqualTo(200);
    assertThat(groups.header("Access-Control-Allow-Origin")).isEqualTo(LocalHttp.FRONTEND);
    // Seeded: lore 30 min ago, worf 2 h ago, garek 49 h ago; coco and worf talk without andrew.
    assertThat(field(groups.json(), "handle")).containsExactly("lore", "worf", "garek");
    JsonNode worf = groups.json().get(1);
    assertThat(worf.get("display_name").asText()).isEqualTo("Worf");
    assertThat(worf.get("message").asText()).isEqualTo("Today is a good day to spar.");
    assertThat(worf.get("created_at").asText()).matches(".*\\.\\d{6}\\+00:00");

    ApiResponse conversation = get(ANDREW, "/api/messages/@worf");
    assertThat(conversation.status()).isEqualTo(200);
    assertThat(field(conversation.json(), "message"))
        .containsExactly(
            "Commander, the holodeck is free at 1900.",
            "Great, I will bring the bat'leths.",
            "Today is a good day to spar.");
    assertThat(field(conversation.json(), "handle")).containsExactly("worf", "andrewbrown", "worf");

    ApiResponse sent =
        post(ANDREW, "{\"message\":\"See you there, Worf.\",\"user_receiver_handle\":\"worf\"}");
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    JsonNode message = sent.json();
    assertThat(message.get("handle").asText()).isEqualTo("andrewbrown");
    assertThat(message.get("display_name").asText()).isEqualTo("Andrew Brown");
    assertThat(message.get("message").asText()).isEqualTo("See you there, Worf.");

    // Read right after the send: this holds on DynamoDB Local, whose indexes update at once; on AWS
    // the list is read from a GSI, eventually consistent, and may lag the send briefly (the
    // frontend appends the POST's response itself and does not re-read the list).
    JsonNode after = get(ANDREW, "/api/message_groups").json();
    assertThat(field(after, "handle")).containsExactly("worf", "lore", "garek");
    assertThat(after.get(0).get("message").asText()).isEqualTo("See you there, Worf.");
    assertThat(after.get(0).get("created_at").asText())
        .isEqualTo(message.get("created_at").asText());
    JsonNode conversationAfter = get(ANDREW, "/api/messages/@worf").json();
    assertThat(conversationAfter.get(conversationAfter.size() - 1).get("uuid").asText())
        .isEqualTo(message.get("uuid").asText());

    // The other participant sees the same conversation, with andrew as the other person.
    JsonNode worfsGroups = get(WORF, "/api/message_groups").json();
    assertThat(worfsGroups.get(0).get("handle").asText()).isEqualTo("andrewbrown");
    assertThat(worfsGroups.get(0).get("uuid").asText())
        .isEqualTo(after.get(0).get("uuid").asText());
    assertThat(field(get(WORF, "/api/messages/@andrewbrown").json(), "uuid"))
        .isEqualTo(field(conversationAfter, "uuid"));
  }

  @Test
  void aThirdUserNeverSeesAConversationTheyAreNotPartOf() throws Exception {
    JsonNode garekGroups = get(GAREK, "/api/message_groups").json();
    assertThat(field(garekGroups, "handle")).containsExactly("andrewbrown");
    // Garek asking for "his conversation with worf" gets his own (empty), never andrew's with worf.
    ApiResponse withWorf = get(GAREK, "/api/messages/@worf");
    assertThat(withWorf.status()).isEqualTo(200);
    assertThat(withWorf.json()).isEmpty();
  }

  @Test
  void refusalsAreJsonCodesAndStoreNothing() throws Exception {
    TableSnapshot before = TestDynamo.snapshot();
    ApiResponse anonymous = get(null, "/api/message_groups");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo("[\"generic_401\"]");
    assertThat(get(null, "/api/messages/@worf").status()).isEqualTo(401);
    assertThat(post(null, "{\"message\":\"hi\",\"user_receiver_handle\":\"worf\"}").status())
        .isEqualTo(401);

    ApiResponse blank = post(ANDREW, "{\"message\":\"\",\"user_receiver_handle\":\" \"}");
    assertThat(blank.status()).isEqualTo(422);
    assertThat(blank.json().toString())
        .isEqualTo("[\"message_blank\",\"user_reciever_handle_blank\"]");
    ApiResponse unknown = post(ANDREW, "{\"message\":\"hi\",\"user_receiver_handle\":\"nobody\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("[\"user_not_found\"]");
    ApiResponse self =
        post(ANDREW, "{\"message\":\"hi\",\"user_receiver_handle\":\"andrewbrown\"}");
    assertThat(self.status()).isEqualTo(422);
    assertThat(self.body()).isEqualTo("[\"user_receiver_is_self\"]");
    assertThat(get(ANDREW, "/api/messages/@nobody").status()).isEqualTo(404);
    assertThat(before.writesSince()).isEmpty();
  }
}
