package com.cruddur.activity.web;

import static com.cruddur.common.Text.invisible;
import static com.cruddur.common.Text.printable;

import com.cruddur.activity.NewActivity;
import com.cruddur.activity.NewReply;
import com.cruddur.activity.Ttl;
import com.cruddur.platform.http.ApiException;
import com.cruddur.platform.http.MessageFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Turns request bodies and parameters into valid values or Cruddur's error codes. Every failing
 * check is reported and nothing is stored unless all pass.
 *
 * <p>Bodies are read as a JSON tree rather than bound to a class, so that a wrong type (e.g. a
 * number for {@code message}) is reported as such instead of being silently coerced to a string.
 */
final class ActivityRequests {

  static final int MAX_ACTIVITY_CHARS = 280;
  static final int MAX_REPLY_CHARS = 1024;
  static final int MAX_SEARCH_TERM_CHARS = 100;

  static final String MESSAGE_BLANK = MessageFields.MESSAGE_BLANK;
  static final String MESSAGE_INVALID = MessageFields.MESSAGE_INVALID;
  static final String MESSAGE_INVALID_CHARS = MessageFields.MESSAGE_INVALID_CHARS;
  static final String MESSAGE_TOO_LONG = "message_exceed_max_chars";
  static final String REPLY_TOO_LONG = "message_exceed_max_chars_1024";
  static final String TTL_BLANK = "ttl_blank";
  static final String TTL_INVALID = "ttl_invalid";
  static final String SEARCH_TERM_BLANK = "search_term_blank";
  static final String SEARCH_TERM_TOO_LONG = "search_term_exceed_max_chars";
  static final String SEARCH_TERM_INVALID_CHARS = "search_term_invalid_chars";
  static final String ACTIVITY_UUID_INVALID = "activity_uuid_invalid";
  static final String HANDLE_INVALID = "handle_invalid";

  private static final Pattern CANONICAL_UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private ActivityRequests() {}

  static NewActivity newActivity(JsonNode body) {
    MessageFields.requireObject(body);
    List<String> errors = new ArrayList<>();
    String message =
        MessageFields.message(body.get("message"), MAX_ACTIVITY_CHARS, MESSAGE_TOO_LONG, errors);
    Ttl ttl = ttl(body.get("ttl"), errors);
    if (!errors.isEmpty()) {
      throw ApiException.unprocessable(errors);
    }
    return new NewActivity(message, ttl);
  }

  static NewReply newReply(JsonNode body) {
    MessageFields.requireObject(body);
    List<String> errors = new ArrayList<>();
    String message =
        MessageFields.message(body.get("message"), MAX_REPLY_CHARS, REPLY_TOO_LONG, errors);
    if (!errors.isEmpty()) {
      throw ApiException.unprocessable(errors);
    }
    return new NewReply(message);
  }

  static String searchTerm(String term) {
    if (term == null || invisible(term)) {
      throw ApiException.unprocessable(List.of(SEARCH_TERM_BLANK));
    }
    if (term.codePointCount(0, term.length()) > MAX_SEARCH_TERM_CHARS) {
      throw ApiException.unprocessable(List.of(SEARCH_TERM_TOO_LONG));
    }
    if (!printable(term)) {
      throw ApiException.unprocessable(List.of(SEARCH_TERM_INVALID_CHARS));
    }
    return term;
  }

  /**
   * Only the canonical 8-4-4-4-12 form: {@link UUID#fromString} also accepts odd shapes like
   * "1-1-1-1-1".
   */
  static UUID activityUuid(String value) {
    if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
      throw ApiException.badRequest(ACTIVITY_UUID_INVALID);
    }
    return UUID.fromString(value.toLowerCase(Locale.ROOT));
  }

  private static Ttl ttl(JsonNode node, List<String> errors) {
    if (node == null || node.isNull() || node.isTextual() && node.textValue().isBlank()) {
      errors.add(TTL_BLANK);
      return null;
    }
    if (!node.isTextual()) {
      errors.add(TTL_INVALID);
      return null;
    }
    return Ttl.fromWire(node.textValue())
        .orElseGet(
            () -> {
              errors.add(TTL_INVALID);
              return null;
            });
  }
}
