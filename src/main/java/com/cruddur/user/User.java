package com.cruddur.user;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A Cruddur user. {@code cognitoSub} links the user to the identity API Gateway's Cognito
 * authorizer verified.
 */
public record User(UUID uuid, String handle, String displayName, Optional<String> cognitoSub) {

  /**
   * Letters, digits, underscore, dot and hyphen; what Cognito's preferred_username allows and URLs
   * keep intact.
   */
  public static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  public User {
    Objects.requireNonNull(uuid);
    Objects.requireNonNull(displayName);
    Objects.requireNonNull(cognitoSub);
    if (!isValidHandle(handle)) {
      throw new IllegalArgumentException("invalid handle");
    }
  }

  public static boolean isValidHandle(String handle) {
    return handle != null && HANDLE.matcher(handle).matches();
  }
}
