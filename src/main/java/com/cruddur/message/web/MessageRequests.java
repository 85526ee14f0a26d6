package com.cruddur.message.web;

import com.cruddur.message.NewMessage;
import com.cruddur.platform.http.ApiException;
import com.cruddur.platform.http.MessageFields;
import com.cruddur.user.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns message requests into valid values or Cruddur's error codes, every failing check reported
 * together. The receiver codes keep the frontend's spelling ("reciever"), which its error list
 * already maps to text.
 */
final class MessageRequests {

  static final int MAX_MESSAGE_CHARS = 1024;

  static final String MESSAGE_TOO_LONG = "message_exceed_max_chars";
  static final String RECEIVER_BLANK = "user_reciever_handle_blank";
  static final String RECEIVER_INVALID = "user_reciever_handle_invalid";
  static final String HANDLE_INVALID = "handle_invalid";

  private MessageRequests() {}

  static NewMessage newMessage(JsonNode body) {
    MessageFields.requireObject(body);
    List<String> errors = new ArrayList<>();
    String message =
        MessageFields.message(body.get("message"), MAX_MESSAGE_CHARS, MESSAGE_TOO_LONG, errors);
    String receiver = receiver(body.get("user_receiver_handle"), errors);
    if (!errors.isEmpty()) {
      throw ApiException.unprocessable(errors);
    }
    return new NewMessage(message, receiver);
  }

  /** The other participant of a conversation route, from the path (after its "@"). */
  static String handle(String handle) {
    if (!User.isValidHandle(handle)) {
      throw ApiException.badRequest(HANDLE_INVALID);
    }
    return handle;
  }

  private static String receiver(JsonNode node, List<String> errors) {
    if (node == null || node.isNull() || node.isTextual() && node.textValue().isBlank()) {
      errors.add(RECEIVER_BLANK);
      return null;
    }
    if (!node.isTextual() || !User.isValidHandle(node.textValue().strip())) {
      errors.add(RECEIVER_INVALID);
      return null;
    }
    return node.textValue().strip();
  }
}
