package com.cruddur.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CruddurConfigTest {

  @Test
  void readsTheSettingsWithDefaults() {
    CruddurConfig config =
        CruddurConfig.from(Map.of("CRUDDUR_TABLE_NAME", "cruddur-prod-table")::get);
    assertThat(config.tableName()).isEqualTo("cruddur-prod-table");
    assertThat(config.dynamoDbEndpoint()).isEmpty();
    assertThat(config.frontendOrigins()).containsExactly("http://localhost:3000");

    CruddurConfig local =
        CruddurConfig.from(
            Map.of(
                    "CRUDDUR_TABLE_NAME",
                    "t-1",
                    "CRUDDUR_DYNAMODB_ENDPOINT",
                    "http://127.0.0.1:8000",
                    "CRUDDUR_FRONTEND_ORIGINS",
                    "https://app.example.com, http://localhost:3000")
                ::get);
    assertThat(local.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
    assertThat(local.frontendOrigins())
        .containsExactly("https://app.example.com", "http://localhost:3000");
  }

  @Test
  void namesEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                CruddurConfig.from(
                    Map.of(
                            "CRUDDUR_DYNAMODB_ENDPOINT",
                            "ftp://x",
                            "CRUDDUR_FRONTEND_ORIGINS",
                            "https://app.example.com/path")
                        ::get))
        .hasMessageContaining("CRUDDUR_TABLE_NAME is not set")
        .hasMessageContaining("CRUDDUR_DYNAMODB_ENDPOINT must be an http(s) URL")
        .hasMessageContaining("'https://app.example.com/path'");
  }

  @Test
  void systemPropertiesWinOverTheEnvironment() {
    System.setProperty("CRUDDUR_CONFIG_TEST_ONLY", "from-property");
    try {
      assertThat(CruddurConfig.processValue("CRUDDUR_CONFIG_TEST_ONLY")).isEqualTo("from-property");
    } finally {
      System.clearProperty("CRUDDUR_CONFIG_TEST_ONLY");
    }
    assertThat(CruddurConfig.processValue("CRUDDUR_CONFIG_TEST_ONLY_UNSET")).isNull();
  }
}
