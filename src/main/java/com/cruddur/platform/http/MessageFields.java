package com.cruddur.platform.http;

import static com.cruddur.common.Text.invisible;
import static com.cruddur.common.Text.printable;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The checks every user-written {@code message} field shares (activities, replies, direct
 * messages), so each feature reports the same codes for the same mistakes. Failing checks are added
 * to the caller's list, so one request reports all of them together.
 */
public final class MessageFields {

  public static final String MESSAGE_BLANK = "message_blank";
  public static final String MESSAGE_INVALID = "message_invalid";
  public static final String MESSAGE_INVALID_CHARS = "message_invalid_chars";

  private MessageFields() {}

  /** A body must be a JSON object; anything else is a 400 before any field is looked at. */
  public static void requireObject(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(ErrorCodes.BODY_INVALID);
    }
  }

  /**
   * The message, stripped, or null when it is missing, blank or not a string; too long (in code
   * points) adds {@code tooLongCode}.
   */
  public static String message(
      JsonNode node, int maxChars, String tooLongCode, List<String> errors) {
    if (node == null || node.isNull()) {
      errors.add(MESSAGE_BLANK);
      return null;
    }
    if (!node.isTextual()) {
      errors.add(MESSAGE_INVALID);
      return null;
    }
    String message = node.textValue().strip();
    if (invisible(message)) {
      errors.add(MESSAGE_BLANK);
      return null;
    }
    if (message.codePointCount(0, message.length()) > maxChars) {
      errors.add(tooLongCode);
    }
    if (!printable(message)) {
      errors.add(MESSAGE_INVALID_CHARS);
    }
    return message;
  }
}
