package com.cruddur.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTokensTest {

  @Test
  void wordsAreNormalisedLowerCasedAndDistinct() {
    assertThat(SearchTokens.tokens("Cloud is very FUN! cloud, ＣＬＯＵＤ #aws @worf a", 80))
        .containsExactly("cloud", "is", "very", "fun", "aws", "worf");
  }

  @Test
  void tokenCountIsBoundedForOneTransaction() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append("w").append(i).append(' ');
    }
    assertThat(SearchTokens.tokens(text.toString(), SearchTokens.MAX_TOKENS_PER_ACTIVITY))
        .hasSize(SearchTokens.MAX_TOKENS_PER_ACTIVITY);
  }

  @Test
  void mentionsAreHandlesAfterAnAtSign() {
    assertThat(SearchTokens.mentions("hi @Worf. and @garek, email me@example.com @lore-"))
        .containsExactly("worf", "garek", "lore");
    assertThat(SearchTokens.mentions("@a @b @c @d @e @f @g")).hasSize(SearchTokens.MAX_MENTIONS);
  }
}
