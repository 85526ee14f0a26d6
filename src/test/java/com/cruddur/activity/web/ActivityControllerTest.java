package com.cruddur.activity.web;

import static com.cruddur.activity.Fixtures.ANDREW;
import static com.cruddur.activity.Fixtures.NOW;
import static com.cruddur.activity.Fixtures.activity;
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

import com.cruddur.activity.Activity;
import com.cruddur.activity.ActivityService;
import com.cruddur.activity.Reply;
import com.cruddur.common.DomainException;
import com.cruddur.common.Page;
import com.cruddur.platform.http.RouteSpans;
import com.cruddur.support.RecordingTracing;
import com.cruddur.support.StandaloneMvc;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The fast tier: the controller's validation, wire shapes, paging links, error mapping and the
 * spans it opens, on Spring MVC's test dispatcher with the service mocked (no DynamoDB Local, no
 * Lambda emulation).
 */
class ActivityControllerTest {

  final ActivityService service = mock(ActivityService.class);
  final RecordingTracing tracing = new RecordingTracing();
  final MockMvc mvc =
      StandaloneMvc.of(
          new ActivityController(
              service,
              request -> ANDREW,
              new RouteSpans(tracing, Clock.fixed(NOW, ZoneOffset.UTC))));

  @Test
  void aFeedAnswersTheWireShapeWithANextLinkAndASpanNamedAfterTheMatchedRoute() throws Exception {
    Activity a = activity("hello", 1);
    when(service.home(eq(NOW), any())).thenReturn(new Page<>(List.of(a), Optional.of("c1")));

    mvc.perform(get("/api/activities/home").param("limit", "1"))
        .andExpect(status().isOk())
        .andExpect(header().string("Link", "<?limit=1&cursor=c1>; rel=\"next\""))
        .andExpect(jsonPath("$[0].uuid").value(a.uuid().toString()))
        .andExpect(jsonPath("$[0].display_name").value("Andrew Brown"))
        .andExpect(jsonPath("$[0].replies_count").value(1))
        .andExpect(jsonPath("$[0].created_at").value("2026-12-02T11:59:00.000000+00:00"));

    assertThat(tracing.spans).containsExactly("home-activities");
    assertThat(tracing.tags)
        .containsEntry("route", "GET /api/activities/home")
        .containsEntry("now", "2026-12-02T12:00:00.000000+00:00")
        .containsEntry("result_length", 1L);
  }

  @Test
  void showTagsTheTemplateApiGatewayUsesTooAndAnUnknownActivityIs404() throws Exception {
    UUID uuid = UUID.randomUUID();
    when(service.show(eq(NOW), eq(uuid), any())).thenReturn(Optional.empty());

    mvc.perform(get("/api/activities/" + uuid))
        .andExpect(status().isNotFound())
        .andExpect(content().json("[\"activity_not_found\"]"));

    assertThat(tracing.tags)
        .containsEntry("route", "GET /api/activities/{activity_uuid}")
        .containsEntry("result_length", 0L);
  }

  @Test
  void aDomainRefusalInsideTheSpanIsRecordedAsTheClientSeesIt() throws Exception {
    when(service.userActivities(eq(NOW), eq("nobody"), any()))
        .thenThrow(DomainException.notFound(ActivityService.USER_NOT_FOUND));

    mvc.perform(get("/api/activities/@nobody"))
        .andExpect(status().isNotFound())
        .andExpect(content().json("[\"user_not_found\"]"));

    assertThat(tracing.failures)
        .singleElement()
        .satisfies(e -> assertThat(e.getClass().getSimpleName()).isEqualTo("ApiException"));
  }

  @Test
  void invalidInputIsRefusedBeforeTheServiceWithEveryCode() throws Exception {
    mvc.perform(
            post("/api/activities")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"\",\"ttl\":\"forever\"}"))
        .andExpect(status().isUnprocessableEntity())
        .andExpect(content().json("[\"message_blank\",\"ttl_invalid\"]"));
    mvc.perform(get("/api/activities/@not%20a%20handle")).andExpect(status().isBadRequest());
    mvc.perform(get("/api/activities/home").param("limit", "0")).andExpect(status().isBadRequest());

    verifyNoInteractions(service);
    assertThat(tracing.spans).isEmpty();
  }

  @Test
  void aReplayedCreateIsTaggedAndAnswersTheFirstActivity() throws Exception {
    Activity first = activity("hello", 1);
    when(service.create(eq(NOW), eq(ANDREW), any(), eq(Optional.of("key-12345678"))))
        .thenReturn(new ActivityService.Created(first, true));

    mvc.perform(
            post("/api/activities")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "key-12345678")
                .content("{\"message\":\"hello\",\"ttl\":\"1-day\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.uuid").value(first.uuid().toString()));

    assertThat(tracing.spans).containsExactly("create-activity");
    assertThat(tracing.tags)
        .containsEntry("idempotent_replay", true)
        .containsEntry("ttl", "1-day")
        .containsEntry("handle", "andrewbrown");
  }

  @Test
  void aReplyAnswersTheReplyShape() throws Exception {
    Activity parent = activity("parent", 1);
    Reply reply =
        new Reply(
            UUID.randomUUID(),
            parent.uuid(),
            ANDREW.uuid(),
            "andrewbrown",
            "Andrew Brown",
            "re",
            0,
            0,
            0,
            NOW,
            parent.expiresAt());
    when(service.reply(eq(NOW), eq(ANDREW), eq(parent.uuid()), any(), eq(Optional.empty())))
        .thenReturn(new ActivityService.Replied(reply, false));

    mvc.perform(
            post("/api/activities/" + parent.uuid() + "/reply")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"message\":\"re\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.reply_to_activity_uuid").value(parent.uuid().toString()));

    assertThat(tracing.tags)
        .containsEntry("route", "POST /api/activities/{activity_uuid}/reply")
        .doesNotContainKey("idempotent_replay");
  }
}
