package com.cruddur.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of CloudWatch Logs' filter pattern syntax the template's metric filters use, evaluated
 * the way CloudWatch does: a JSON pattern ({@code { $.a = "x" && ($.b = "y" || $.c = "z") }},
 * string equality only) matches a JSON log event; a term pattern matches an event containing every
 * plain term, or any one of the {@code ?} terms (case-sensitive, quoted terms are phrases).
 * Anything else is refused rather than guessed.
 */
final class FilterPattern {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TERM =
      Pattern.compile("(\\?)?(\"((?:[^\"\\\\]|\\\\.)*)\"|[^\\s\"]+)");
  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(\\(|\\)|&&|\\|\\||\\$\\.[A-Za-z0-9_.]+\\s*=\\s*\"(?:[^\"\\\\]|\\\\.)*\")");

  private final String pattern;

  FilterPattern(String pattern) {
    this.pattern = pattern.strip();
  }

  boolean matches(String event) {
    if (pattern.startsWith("{")) {
      if (!pattern.endsWith("}")) {
        throw new IllegalArgumentException("unbalanced JSON filter pattern: " + pattern);
      }
      JsonNode json;
      try {
        json = JSON.readTree(event);
      } catch (IOException e) {
        return false; // JSON patterns never match a non-JSON event
      }
      if (json == null || !json.isObject()) {
        return false;
      }
      Parser parser = new Parser(tokens(pattern.substring(1, pattern.length() - 1)), json);
      boolean result = parser.or();
      if (parser.position != parser.tokens.size()) {
        throw new IllegalArgumentException(
            "cannot read the pattern past " + parser.tokens.get(parser.position));
      }
      return result;
    }
    List<String> required = new ArrayList<>();
    List<String> optional = new ArrayList<>();
    Matcher m = TERM.matcher(pattern);
    while (m.find()) {
      String term = m.group(3) != null ? m.group(3).replace("\\\"", "\"") : m.group(2);
      (m.group(1) != null ? optional : required).add(term);
    }
    if (!optional.isEmpty() && !required.isEmpty()) {
      throw new IllegalArgumentException("mixing plain and ? terms is not modelled: " + pattern);
    }
    return optional.isEmpty()
        ? required.stream().allMatch(event::contains)
        : optional.stream().anyMatch(event::contains);
  }

  private static List<String> tokens(String body) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(body);
    int at = 0;
    while (!body.substring(at).isBlank()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("cannot read the pattern at: " + body.substring(at));
      }
      tokens.add(m.group(1));
      at = m.end();
    }
    return tokens;
  }

  /** or := and ('||' and)* ; and := atom ('&&' atom)* ; atom := '(' or ')' | $.path = "value". */
  private static final class Parser {
    final List<String> tokens;
    final JsonNode event;
    int position;

    Parser(List<String> tokens, JsonNode event) {
      this.tokens = tokens;
      this.event = event;
    }

    boolean or() {
      boolean value = and();
      while (peek("||")) {
        position++;
        value |= and();
      }
      return value;
    }

    boolean and() {
      boolean value = atom();
      while (peek("&&")) {
        position++;
        value &= atom();
      }
      return value;
    }

    boolean atom() {
      String token = tokens.get(position++);
      if (token.equals("(")) {
        boolean value = or();
        if (!peek(")")) {
          throw new IllegalArgumentException("missing )");
        }
        position++;
        return value;
      }
      int equals = token.indexOf('=');
      String path = token.substring(2, equals).strip();
      String expected = token.substring(equals + 1).strip();
      expected = expected.substring(1, expected.length() - 1).replace("\\\"", "\"");
      JsonNode node = event;
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      return node.isTextual() && node.asText().equals(expected);
    }

    boolean peek(String token) {
      return position < tokens.size() && tokens.get(position).equals(token);
    }
  }
}
