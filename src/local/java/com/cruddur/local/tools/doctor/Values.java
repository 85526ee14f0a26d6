package com.cruddur.local.tools.doctor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Shapes of values several checks recognise, and how a secret value is named without showing it.
 */
final class Values {

  /** Text a shell, docker-compose or a template was meant to expand but did not. */
  static final Pattern UNINTERPOLATED =
      Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_]+%" + "|<[^>]*>");

  static final Pattern SECRET_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+");

  private Values() {}

  /** A value described without showing it: its length and the start of its SHA-256. */
  static String describe(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return secret.length() + " chars, sha256 " + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
