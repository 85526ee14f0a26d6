package com.cruddur.lambda;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.serverless.proxy.model.ApiGatewayAuthorizerContext;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import com.amazonaws.serverless.proxy.model.CognitoAuthorizerClaims;
import com.cruddur.telemetry.LogFields;
import com.cruddur.users.CurrentUser;
import com.cruddur.users.User;
import com.cruddur.users.UserRepository;
import com.cruddur.web.ApiException;
import com.cruddur.web.ErrorCodes;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/**
 * The author of a write is the Cognito user whose token API Gateway's authorizer verified; its claims arrive in the
 * proxy event's request context. A request without them never gets a default user: it is refused with 401.
 */
class CognitoClaimsCurrentUser implements CurrentUser {

  static final String USER_NOT_REGISTERED = "user_not_registered";

  private final UserRepository users;

  CognitoClaimsCurrentUser(UserRepository users) {
    this.users = users;
  }

  @Override
  public User require(HttpServletRequest request) {
    CognitoAuthorizerClaims claims = claims(request.getAttribute(RequestReader.API_GATEWAY_CONTEXT_PROPERTY));
    String subject = claims == null ? null : claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED);
    }
    // The user pool authorizer (without OAuth scopes) also lets ID tokens through; writes take access tokens only,
    // as the frontend sends them: an ID token is meant for the client, not for calling APIs.
    if (!"access".equals(claims.getTokenUse())) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED);
    }
    User user = users.findByCognitoSub(subject)
        .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, USER_NOT_REGISTERED));
    LogFields.putHandle(user.handle());
    return user;
  }

  private static CognitoAuthorizerClaims claims(Object requestContext) {
    if (!(requestContext instanceof AwsProxyRequestContext context)) {
      return null;
    }
    ApiGatewayAuthorizerContext authorizer = context.getAuthorizer();
    return authorizer == null ? null : authorizer.getClaims();
  }
}
