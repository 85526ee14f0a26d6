package com.cruddur.message.web;

import static com.cruddur.activity.Fixtures.ANDREW;
import static com.cruddur.activity.Fixtures.NOW;
import static com.cruddur.activity.Fixtures.WORF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.cruddur.common.DomainException;
import com.cruddur.common.Page;
import com.cruddur.message.Conversations;
import com.cruddur.message.Message;
import com.cruddur.message.MessageGroup;
import com.cruddur.message.MessageService;
import com.cruddur.message.NewMessage;
import com.cruddur.platform.http.ApiException;
import com.cruddur.platform.http.ErrorCodes;
import com.cruddur.platform.http.RouteSpans;
import com.cruddur.support.RecordingTracing;
import com.cruddur.support.StandaloneMvc;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The fast tier: the message routes' identity requirement, validation, wire shapes, paging links
 * and spans, on Spring MVC's test dispatcher with the service mocked.
 */
class MessageControllerTest {

  static final UUID CONVERSATION = Conversations.uuid(ANDREW.uuid(), WORF.uuid());

  final MessageService service = mock(MessageService.class);
  final RecordingTracing tracing = new RecordingTracing();
  final RouteSpans spans = new RouteSpans(tracing, Clock.fixed(NOW, ZoneOffset.UTC));
  final MockMvc mvc = StandaloneMvc.of(new MessageController(service, request -> ANDREW, spans));

  @Test
  void groupsAnswerTheOtherParticipantAndTheLastMessageWithANextLink() throws Exception {
    MessageGroup group =
        new MessageGroup(CONVERSATION, WORF.uuid(), "worf", "Worf", "Qapla'", NOW.minusSeconds(60));
    when(service.groups(eq(ANDREW), any()))
        .thenReturn(new Page<>(List.of(group), Optional.of("c1")));

    mvc.perform(get("/api/message_groups").param("limit", "1"))
        .andExpect(status().isOk())
        .andExpect(header().string("Link", "<?limit=1&cursor=c1>; rel=\"next\""))
        .andExpect(
            content()
                .json(
                    """
            [{"uuid": "%s", "handle": "worf", "display_name": "Worf", "message": "Qapla'",
              "created_at": "2026-12-02T11:59:00.000000+00:00"}]
            """
                        .formatted(CONVERSATION),
                    true));

    assertThat(tracing.spans).containsExactly("message-groups");
    assertThat(tracing.tags)
        .containsEntry("route", "GET /api/message_groups")
        .containsEntry("handle", "andrewbrown")
        .containsEntry("result_length", 1L);
  }

  @Test
  void aConversationAnswersTheMessageShapeUnderTheMatchedRoute() throws Exception {
    Message m =
        new Message(UUID.randomUUID(), CONVERSATION, WORF.uuid(), "worf", "Worf", "Today", NOW);
    when(service.conversation(eq(ANDREW), eq("worf"), any()))
        .thenReturn(new Page<>(List.of(m), Optional.empty()));

    mvc.perform(get("/api/messages/@worf"))
        .andExpect(status().isOk())
        .andExpect(header().doesNotExist("Link"))
        .andExpect(
            content()
                .json(
                    """
            [{"uuid": "%s", "handle": "worf", "display_name": "Worf", "message": "Today",
              "created_at": "2026-12-02T12:00:00.000000+00:00"}]
            """
                        .formatted(m.uuid()),
                    true));

    assertThat(tracing.tags)
        .containsEntry("route", "GET /api/messages/@{handle}")
        .containsEntry("other_handle", "worf");
  }

  @Test
  void aSendAnswersTheMessageAndTagsAReplay() throws Exception {
    Message m =
        new Message(
            UUID.randomUUID(),
            CONVERSATION,
            ANDREW.uuid(),
            "andrewbrown",
            "Andrew Brown",
            "hi",
            NOW);
    when(service.send(
            eq(NOW), eq(ANDREW), eq(new NewMessage("hi", "worf")), eq(Optional.of("key-12345678"))))
        .thenReturn(new MessageService.Sent(m, true));

    mvc.perform(
            post("/api/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "key-12345678")
                .content("{\"message\":\"  hi \",\"user_receiver_handle\":\"worf\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.uuid").value(m.uuid().toString()))
        .andExpect(jsonPath("$.handle").value("andrewbrown"))
        .andExpect(jsonPath("$.message").value("hi"));

    assertThat(tracing.spans).containsExactly("create-message");
    assertThat(tracing.tags)
        .containsEntry("route", "POST /api/messages")
        .containsEntry("idempotent_replay", true)
        .doesNotContainKey("other_handle");
    assertThat(tracing.tags.values()).doesNotContain("worf", "hi");
  }

  @Test
  void everyValidationCodeIsReportedTogetherBeforeTheService() throws Exception {
    mvc.perform(
            post("/api/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\" \",\"user_receiver_handle\":\"\"}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().json("[\"message_blank\",\"user_reciever_handle_blank\"]", true));
    mvc.perform(
            post("/api/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"" + "x".repeat(1025) + "\",\"user_receiver_handle\":7}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(
            content()
                .json("[\"message_exceed_max_chars\",\"user_reciever_handle_invalid\"]", true));
    mvc.perform(
            post("/api/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"" + "x".repeat(1024) + "\"}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().json("[\"user_reciever_handle_blank\"]", true));
    mvc.perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON).content("[]"))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/api/messages/@not%20a%20handle")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/message_groups").param("limit", "51")).andExpect(status().isBadRequest());

    verifyNoInteractions(service);
    assertThat(tracing.spans).isEmpty();
  }

  @Test
  void withoutAnIdentityNothingIsValidatedOrRead() throws Exception {
    MockMvc anonymous =
        StandaloneMvc.of(
            new MessageController(
                service,
                request -> {
                  throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED);
                },
                spans));
    anonymous
        .perform(get("/api/message_groups"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().json("[\"generic_401\"]"));
    anonymous.perform(get("/api/messages/@worf")).andExpect(status().isUnauthorized());
    anonymous
        .perform(post("/api/messages").contentType(MediaType.APPLICATION_JSON).content("{}"))
        .andExpect(status().isUnauthorized());
    verifyNoInteractions(service);
  }

  @Test
  void aRefusalInsideTheSpanIsTheClientsStatusAndCode() throws Exception {
    when(service.send(eq(NOW), eq(ANDREW), any(), any()))
        .thenThrow(new DomainException(DomainException.Kind.REJECTED, "user_receiver_is_self"));

    mvc.perform(
            post("/api/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"me\",\"user_receiver_handle\":\"andrewbrown\"}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().json("[\"user_receiver_is_self\"]"));
    assertThat(tracing.failures).singleElement().isInstanceOf(ApiException.class);
  }
}
