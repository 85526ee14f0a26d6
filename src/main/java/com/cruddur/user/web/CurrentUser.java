package com.cruddur.user.web;

import com.cruddur.platform.observe.log.LogFields;
import com.cruddur.user.User;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is making a request. In Lambda the answer comes only from claims API Gateway's Cognito
 * authorizer verified; locally from a verified token or a configured development user.
 * Implementations throw {@link com.cruddur.platform.http.ApiException} with 401 when there is no
 * identity and 403 when the identity has no Cruddur user.
 */
public interface CurrentUser {

  User require(HttpServletRequest request);

  /**
   * The resolver the application uses: the found user's handle goes on the log lines and the span.
   */
  static CurrentUser observed(CurrentUser resolver) {
    return request -> {
      User user = resolver.require(request);
      LogFields.putHandle(user.handle());
      return user;
    };
  }
}
