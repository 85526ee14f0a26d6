package com.cruddur.logging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of the Logs Insights query language to list the fields a query reads: comments,
 * strings and regex literals are dropped; command names, keywords, function names and aliases are
 * not fields.
 */
final class InsightsQueries {

  static final Set<String> COMMANDS =
      Set.of("fields", "filter", "stats", "sort", "limit", "display", "parse", "dedup");
  static final Set<String> KEYWORDS =
      Set.of("by", "as", "and", "or", "not", "like", "in", "desc", "asc");

  private static final Pattern TOKEN =
      Pattern.compile(
          "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]+`|[@A-Za-z_][A-Za-z0-9_.@]*"
              + "|\\d+(?:\\.\\d+)?[a-z]*|\\S");

  private static final Pattern REGEX_LITERAL =
      Pattern.compile("(like|=~)\\s*/(?:[^/\\\\]|\\\\.)*/");

  private InsightsQueries() {}

  /** Cuts a line at the first {@code #} that is not inside a string or regex literal. */
  private static String withoutComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** The fields a query reads (not the aliases it defines). */
  static Set<String> fieldsRead(String query) {
    List<String> tokens = new ArrayList<>();
    for (String line : query.split("\n")) {
      // A regex literal only follows like or =~; elsewhere '/' divides.
      String code = withoutComment(REGEX_LITERAL.matcher(line).replaceAll("$1 \"regex\""));
      Matcher m = TOKEN.matcher(code);
      while (m.find()) {
        tokens.add(m.group());
      }
    }
    Set<String> aliases = new HashSet<>();
    Set<String> fields = new HashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String previous = i > 0 ? tokens.get(i - 1) : "";
      String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      boolean identifier = token.matches("[@A-Za-z_][A-Za-z0-9_.@]*") || token.startsWith("`");
      if (!identifier || next.equals("(")) {
        continue; // literal, operator, or a function name
      }
      String name = token.startsWith("`") ? token.substring(1, token.length() - 1) : token;
      String lower = name.toLowerCase();
      if (COMMANDS.contains(lower) || KEYWORDS.contains(lower)) {
        continue;
      }
      if (previous.equalsIgnoreCase("as")) {
        aliases.add(name);
      } else {
        fields.add(name);
      }
    }
    fields.removeAll(aliases);
    return fields;
  }
}
