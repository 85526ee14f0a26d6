package com.cruddur.common;

/**
 * What user-written text (messages, search terms, display names) may hold: the rules shared by
 * every input.
 */
public final class Text {

  private Text() {}

  /**
   * Rejects control characters other than tab and line breaks; unpaired surrogates (which JSON
   * escapes can produce and which cannot be stored as UTF-8); bidirectional embeddings, overrides
   * and isolates, which make text display in another order than it reads ("Trojan Source"
   * spoofing); line and paragraph separators and interlinear annotations, which break the
   * frontend's layout; and noncharacters.
   */
  public static boolean printable(String text) {
    return text.codePoints()
        .noneMatch(
            cp -> {
              int type = Character.getType(cp);
              boolean control = type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t';
              boolean bidi = cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
              boolean layout = cp == 0x2028 || cp == 0x2029 || cp >= 0xFFF9 && cp <= 0xFFFB;
              boolean nonCharacter = cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
              return control || type == Character.SURROGATE || bidi || layout || nonCharacter;
            });
  }

  /**
   * Nothing that shows: empty, or only spaces of any kind (no-break, em, …) and invisible format
   * characters.
   */
  public static boolean invisible(String text) {
    return text.codePoints()
        .allMatch(
            cp ->
                Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT);
  }
}
