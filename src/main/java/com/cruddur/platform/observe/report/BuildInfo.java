package com.cruddur.platform.observe.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build's version (Maven fills build-info.properties); deploys can pass the commit as
 * CodeVersion instead.
 */
final class BuildInfo {

  private BuildInfo() {}

  static String version() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
