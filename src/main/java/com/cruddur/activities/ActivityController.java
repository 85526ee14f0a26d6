package com.cruddur.activities;

import com.cruddur.activities.ActivityJson.ActivityView;
import com.cruddur.activities.ActivityJson.ReplyView;
import com.cruddur.storage.Page;
import com.cruddur.users.CurrentUser;
import com.cruddur.users.User;
import com.cruddur.web.ApiException;
import com.cruddur.web.Paging;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
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
 * The Cruddur activity routes. Lists answer a JSON array (what the frontend expects) and, when there is more, a
 * {@code Link: <?cursor=…>; rel="next"} header; creates answer 200 with the created object.
 */
@RestController
@RequestMapping(path = "/api/activities", produces = MediaType.APPLICATION_JSON_VALUE)
class ActivityController {

  private final ActivityService service;
  private final CurrentUser currentUser;

  ActivityController(ActivityService service, CurrentUser currentUser) {
    this.service = service;
    this.currentUser = currentUser;
  }

  @GetMapping("/home")
  ResponseEntity<List<ActivityView>> home(@RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor, HttpServletRequest request) {
    return list(service.home(Paging.request(limit, cursor)), request);
  }

  @GetMapping("/notifications")
  ResponseEntity<List<ActivityView>> notifications(@RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor, HttpServletRequest request) {
    User user = currentUser.require(request);
    return list(service.notifications(user, Paging.request(limit, cursor)), request);
  }

  @GetMapping("/search")
  ResponseEntity<List<ActivityView>> search(@RequestParam(required = false) String term,
      @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    String validTerm = ActivityRequests.searchTerm(term);
    return list(service.search(validTerm, Paging.request(limit, cursor)), request);
  }

  @GetMapping("/@{handle}")
  ResponseEntity<List<ActivityView>> userActivities(@PathVariable String handle,
      @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    if (!User.isValidHandle(handle)) {
      throw ApiException.badRequest(ActivityRequests.HANDLE_INVALID);
    }
    return list(service.userActivities(handle, Paging.request(limit, cursor)), request);
  }

  /** The activity with its replies (oldest first, paged with the same limit/cursor parameters). */
  @GetMapping("/{activityUuid}")
  ResponseEntity<ActivityView> show(@PathVariable String activityUuid,
      @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    var uuid = ActivityRequests.activityUuid(activityUuid);
    ActivityService.ShownActivity shown = service.show(uuid, Paging.request(limit, cursor))
        .orElseThrow(() -> ApiException.notFound(ActivityService.ACTIVITY_NOT_FOUND));
    return Paging.withNextLink(ResponseEntity.ok(), shown.nextRepliesCursor(), request).body(shown.activity());
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ActivityView create(@RequestBody JsonNode body, HttpServletRequest request) {
    User author = currentUser.require(request);
    NewActivity activity = ActivityRequests.newActivity(body);
    return service.create(author, activity, Idempotency.key(request.getHeader(Idempotency.HEADER)));
  }

  @PostMapping(path = "/{activityUuid}/reply", consumes = MediaType.APPLICATION_JSON_VALUE)
  ReplyView reply(@PathVariable String activityUuid, @RequestBody JsonNode body, HttpServletRequest request) {
    var uuid = ActivityRequests.activityUuid(activityUuid);
    User author = currentUser.require(request);
    NewReply reply = ActivityRequests.newReply(body);
    return service.reply(author, uuid, reply, Idempotency.key(request.getHeader(Idempotency.HEADER)));
  }

  private static <T> ResponseEntity<List<T>> list(Page<T> page, HttpServletRequest request) {
    return Paging.withNextLink(ResponseEntity.ok(), page.nextCursor(), request).body(page.items());
  }

}
