package com.cruddur.users;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is making a request. In Lambda the answer comes only from claims API Gateway's Cognito authorizer verified;
 * locally from a configured development user. Implementations throw {@link com.cruddur.web.ApiException} with 401
 * when there is no identity and 403 when the identity has no Cruddur user.
 */
public interface CurrentUser {

  User require(HttpServletRequest request);
}
