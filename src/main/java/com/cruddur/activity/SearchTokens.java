package com.cruddur.activity;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words for the search index and @mentions for notifications. Search is exact-word, case- and
 * width-insensitive (NFKC + lower case); every word of the term must occur in the activity.
 */
public final class SearchTokens {

  public static final int MIN_TOKEN_CHARS = 2;
  public static final int MAX_TOKEN_CHARS = 64;

  /**
   * Bounded so one activity's index items fit one DynamoDB transaction (100 items) with room to
   * spare.
   */
  public static final int MAX_TOKENS_PER_ACTIVITY = 80;

  public static final int MAX_TERM_TOKENS = 5;
  public static final int MAX_MENTIONS = 5;

  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}_]+");
  private static final Pattern MENTION =
      Pattern.compile("(?<![\\p{L}\\p{N}_])@([A-Za-z0-9_.-]{1,40})");

  private SearchTokens() {}

  public static List<String> tokens(String text, int max) {
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    Set<String> tokens = new LinkedHashSet<>();
    for (String word : SEPARATORS.split(normalized)) {
      int length = word.codePointCount(0, word.length());
      if (length >= MIN_TOKEN_CHARS && length <= MAX_TOKEN_CHARS) {
        tokens.add(word);
        if (tokens.size() == max) {
          break;
        }
      }
    }
    return List.copyOf(tokens);
  }

  /**
   * The handles an activity mentions, lower-cased, without trailing sentence punctuation
   * ("hi @worf.").
   */
  public static Set<String> mentions(String text) {
    Set<String> handles = new LinkedHashSet<>();
    Matcher matcher = MENTION.matcher(text);
    while (matcher.find() && handles.size() < MAX_MENTIONS) {
      String handle = matcher.group(1).replaceAll("[.-]+$", "");
      if (!handle.isEmpty() && handle.length() <= 32) {
        handles.add(handle.toLowerCase(Locale.ROOT));
      }
    }
    return handles;
  }
}
