package com.cruddur.activity.web;

import com.cruddur.activity.ActivityService;
import com.cruddur.activity.ActivityService.Created;
import com.cruddur.activity.ActivityService.Replied;
import com.cruddur.activity.NewActivity;
import com.cruddur.activity.NewReply;
import com.cruddur.activity.web.ActivityJson.ActivityView;
import com.cruddur.activity.web.ActivityJson.ReplyView;
import com.cruddur.common.Idempotency;
import com.cruddur.common.PageRequest;
import com.cruddur.platform.http.ApiException;
import com.cruddur.platform.http.Paging;
import com.cruddur.platform.http.RouteSpans;
import com.cruddur.user.User;
import com.cruddur.user.web.CurrentUser;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Cruddur activity routes. Lists answer a JSON array (what the frontend expects) and, when
 * there is more, a {@code Link: <?cursor=…>; rel="next"} header; creates answer 200 with the
 * created object. Input is validated before the service's span opens; each span carries the time
 * and the result size, and the handle and ttl where there is one, as tags to filter traces by. Path
 * variables are spelled as API Gateway's resources spell them, so the matched route is the same
 * name in both modes.
 */
@RestController
@RequestMapping(path = "/api/activities", produces = MediaType.APPLICATION_JSON_VALUE)
public class ActivityController {

  private final ActivityService service;
  private final CurrentUser currentUser;
  private final RouteSpans spans;

  ActivityController(ActivityService service, CurrentUser currentUser, RouteSpans spans) {
    this.service = service;
    this.currentUser = currentUser;
    this.spans = spans;
  }

  @GetMapping("/home")
  ResponseEntity<List<ActivityView>> home(
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    PageRequest page = Paging.request(limit, cursor);
    return Paging.list(
        spans.span(
            "home-activities",
            request,
            (span, now) -> RouteSpans.counted(span, service.home(now, page).map(ActivityJson::of))),
        request);
  }

  @GetMapping("/notifications")
  ResponseEntity<List<ActivityView>> notifications(
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    User user = currentUser.require(request);
    PageRequest page = Paging.request(limit, cursor);
    return Paging.list(
        spans.span(
            "notifications-activities",
            request,
            (span, now) -> {
              span.tag("handle", user.handle());
              return RouteSpans.counted(
                  span,
                  service
                      .notifications(now, user, page)
                      .map(shown -> ActivityJson.of(shown.activity(), shown.replies())));
            }),
        request);
  }

  @GetMapping("/search")
  ResponseEntity<List<ActivityView>> search(
      @RequestParam(required = false) String term,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    String validTerm = ActivityRequests.searchTerm(term);
    PageRequest page = Paging.request(limit, cursor);
    return Paging.list(
        spans.span(
            "search-activities",
            request,
            (span, now) -> {
              List<String> words = ActivityService.searchWords(validTerm);
              span.detail("search_words", words);
              return RouteSpans.counted(
                  span, service.search(now, words, page).map(ActivityJson::of));
            }),
        request);
  }

  @GetMapping("/@{handle}")
  ResponseEntity<List<ActivityView>> userActivities(
      @PathVariable String handle,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    if (!User.isValidHandle(handle)) {
      throw ApiException.badRequest(ActivityRequests.HANDLE_INVALID);
    }
    PageRequest page = Paging.request(limit, cursor);
    return Paging.list(
        spans.span(
            "user-activities",
            request,
            (span, now) -> {
              span.tag("handle", handle);
              return RouteSpans.counted(
                  span, service.userActivities(now, handle, page).map(ActivityJson::of));
            }),
        request);
  }

  /** The activity with its replies (oldest first, paged with the same limit/cursor parameters). */
  @GetMapping("/{activity_uuid}")
  ResponseEntity<ActivityView> show(
      @PathVariable("activity_uuid") String activityUuid,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    UUID uuid = ActivityRequests.activityUuid(activityUuid);
    PageRequest page = Paging.request(limit, cursor);
    Optional<ActivityService.Discussion> shown =
        spans.span(
            "show-activity",
            request,
            (span, now) -> {
              span.detail("activity_uuid", uuid.toString());
              Optional<ActivityService.Discussion> found = service.show(now, uuid, page);
              span.tag("result_length", found.map(d -> d.replies().items().size() + 1).orElse(0));
              return found;
            });
    ActivityService.Discussion discussion =
        shown.orElseThrow(() -> ApiException.notFound(ActivityService.ACTIVITY_NOT_FOUND));
    return Paging.withNextLink(ResponseEntity.ok(), discussion.replies().nextCursor(), request)
        .body(ActivityJson.of(discussion.activity(), discussion.replies().items()));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ActivityView create(@RequestBody JsonNode body, HttpServletRequest request) {
    User author = currentUser.require(request);
    NewActivity activity = ActivityRequests.newActivity(body);
    Optional<String> key = Idempotency.key(request.getHeader(Idempotency.HEADER));
    return spans.span(
        "create-activity",
        request,
        (span, now) -> {
          span.tag("handle", author.handle()).tag("ttl", activity.ttl().wire());
          Created created = service.create(now, author, activity, key);
          if (created.replayed()) {
            span.tag("idempotent_replay", true);
          }
          span.detail("activity_uuid", created.activity().uuid().toString());
          return ActivityJson.of(created.activity());
        });
  }

  @PostMapping(path = "/{activity_uuid}/reply", consumes = MediaType.APPLICATION_JSON_VALUE)
  ReplyView reply(
      @PathVariable("activity_uuid") String activityUuid,
      @RequestBody JsonNode body,
      HttpServletRequest request) {
    UUID uuid = ActivityRequests.activityUuid(activityUuid);
    User author = currentUser.require(request);
    NewReply reply = ActivityRequests.newReply(body);
    Optional<String> key = Idempotency.key(request.getHeader(Idempotency.HEADER));
    return spans.span(
        "create-reply",
        request,
        (span, now) -> {
          span.tag("handle", author.handle()).detail("activity_uuid", uuid.toString());
          Replied replied = service.reply(now, author, uuid, reply, key);
          if (replied.replayed()) {
            span.tag("idempotent_replay", true);
          }
          return ActivityJson.of(replied.reply());
        });
  }
}
