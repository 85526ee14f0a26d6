package com.cruddur.local;

import com.cruddur.telemetry.LogFields;
import com.cruddur.users.CurrentUser;
import com.cruddur.users.User;
import com.cruddur.users.UserRepository;
import com.cruddur.web.ApiException;
import com.cruddur.web.ErrorCodes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Local runs only: every write is made by one configured development user ({@code CRUDDUR_DEV_USER}, default
 * andrewbrown, as in the Flask reference). Set it empty to run without one; writes then answer 401 as they do in
 * AWS without a token.
 */
final class DevCurrentUser implements CurrentUser {

  static final String SETTING = "CRUDDUR_DEV_USER";
  static final String DEFAULT_HANDLE = "andrewbrown";

  private final UserRepository users;
  private final Optional<String> handle;

  DevCurrentUser(UserRepository users, Optional<String> handle) {
    this.users = users;
    this.handle = handle;
  }

  @Override
  public User require(HttpServletRequest request) {
    String dev = handle.orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED));
    User user = users.findByHandle(dev)
        .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, "user_not_registered"));
    LogFields.putHandle(user.handle());
    return user;
  }
}
