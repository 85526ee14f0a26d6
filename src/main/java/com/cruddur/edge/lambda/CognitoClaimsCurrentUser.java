package com.cruddur.edge.lambda;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.serverless.proxy.model.ApiGatewayAuthorizerContext;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import com.amazonaws.serverless.proxy.model.CognitoAuthorizerClaims;
import com.cruddur.platform.http.ApiException;
import com.cruddur.platform.http.ErrorCodes;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import com.cruddur.user.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * The author of a write is the Cognito user whose token API Gateway's authorizer verified; its
 * claims arrive in the proxy event's request context. A request without them never gets a default
 * user: it is refused with 401.
 */
class CognitoClaimsCurrentUser implements CurrentUser {

  static final String USER_NOT_REGISTERED = "user_not_registered";

  /**
   * The app clients whose access tokens may write (comma-separated); empty: any client of the pool.
   */
  static final String CLIENT_IDS = "CRUDDUR_COGNITO_CLIENT_IDS";

  private final UserRepository users;
  private final Set<String> clientIds;

  CognitoClaimsCurrentUser(UserRepository users, Set<String> clientIds) {
    this.users = users;
    this.clientIds = Set.copyOf(clientIds);
  }

  @Override
  public User require(HttpServletRequest request) {
    CognitoAuthorizerClaims claims =
        claims(request.getAttribute(RequestReader.API_GATEWAY_CONTEXT_PROPERTY));
    String subject = claims == null ? null : claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED);
    }
    // The user pool authorizer (without OAuth scopes) also lets ID tokens through; writes take
    // access tokens only, as the frontend sends them: an ID token is meant for the client, not for
    // calling APIs.
    if (!"access".equals(claims.getTokenUse())) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED);
    }
    // The authorizer checks the pool, not the app client: an access token carries its client in
    // client_id.
    String clientId = claims.getClaim("client_id");
    if (!clientIds.isEmpty() && (clientId == null || !clientIds.contains(clientId))) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCodes.UNAUTHORIZED);
    }
    return users
        .findByCognitoSub(subject)
        .orElseThrow(() -> new ApiException(HttpStatus.FORBIDDEN, USER_NOT_REGISTERED));
  }

  private static CognitoAuthorizerClaims claims(Object requestContext) {
    if (!(requestContext instanceof AwsProxyRequestContext context)) {
      return null;
    }
    ApiGatewayAuthorizerContext authorizer = context.getAuthorizer();
    return authorizer == null ? null : authorizer.getClaims();
  }
}
