package com.cruddur.message.web;

import com.cruddur.common.Idempotency;
import com.cruddur.common.PageRequest;
import com.cruddur.message.MessageService;
import com.cruddur.message.NewMessage;
import com.cruddur.message.web.MessageJson.MessageGroupView;
import com.cruddur.message.web.MessageJson.MessageView;
import com.cruddur.platform.http.Paging;
import com.cruddur.platform.http.RouteSpans;
import com.cruddur.user.User;
import com.cruddur.user.web.CurrentUser;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The direct-message routes. Every one needs the verified caller first (401 otherwise), and then
 * only ever touches the caller's own conversations. Lists answer a JSON array and, when there is
 * more, a {@code Link: <?cursor=…>; rel="next"} header; a send answers 200 with the message as the
 * frontend appends it. Input is validated before the service's span opens.
 */
@RestController
public class MessageController {

  private final MessageService service;
  private final CurrentUser currentUser;
  private final RouteSpans spans;

  MessageController(MessageService service, CurrentUser currentUser, RouteSpans spans) {
    this.service = service;
    this.currentUser = currentUser;
    this.spans = spans;
  }

  @GetMapping(path = "/api/message_groups", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<List<MessageGroupView>> groups(
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    User caller = currentUser.require(request);
    PageRequest page = Paging.request(limit, cursor);
    return Paging.list(
        spans.span(
            "message-groups",
            request,
            (span, now) -> {
              span.tag("handle", caller.handle());
              return RouteSpans.counted(span, service.groups(caller, page).map(MessageJson::of));
            }),
        request);
  }

  /** The conversation with {@code handle}, its newest page first, each page oldest first. */
  @GetMapping(path = "/api/messages/@{handle}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<List<MessageView>> conversation(
      @PathVariable String handle,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest request) {
    User caller = currentUser.require(request);
    String other = MessageRequests.handle(handle);
    PageRequest page = Paging.request(limit, cursor);
    return Paging.list(
        spans.span(
            "messages",
            request,
            (span, now) -> {
              span.tag("handle", caller.handle()).detail("other_handle", other);
              return RouteSpans.counted(
                  span, service.conversation(caller, other, page).map(MessageJson::of));
            }),
        request);
  }

  @PostMapping(
      path = "/api/messages",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  MessageView send(@RequestBody JsonNode body, HttpServletRequest request) {
    User sender = currentUser.require(request);
    NewMessage message = MessageRequests.newMessage(body);
    Optional<String> key = Idempotency.key(request.getHeader(Idempotency.HEADER));
    return spans.span(
        "create-message",
        request,
        (span, now) -> {
          // The receiver and the text are the request's private body: neither goes on the span
          // (the edge keeps this body out of error reports too).
          span.tag("handle", sender.handle());
          MessageService.Sent sent = service.send(now, sender, message, key);
          if (sent.replayed()) {
            span.tag("idempotent_replay", true);
          }
          span.detail("message_uuid", sent.message().uuid().toString());
          return MessageJson.of(sent.message());
        });
  }
}
