package com.cruddur.edge.cognito;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.cruddur.common.Text;
import com.cruddur.platform.CruddurConfig;
import com.cruddur.platform.dynamo.DynamoDbClients;
import com.cruddur.user.User;
import com.cruddur.user.UserRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito triggers for the user pool the stack creates. Pre-sign-up refuses a {@code
 * preferred_username} that is not a valid or free handle, so the user sees why at once;
 * post-confirmation stores the Cruddur user linked to the Cognito subject, which is how writes find
 * their author. No Spring here: these run rarely and must start fast.
 *
 * <p>Cognito shows the message of a thrown exception to the signing-up user, so messages are short
 * codes.
 *
 * <p>Maps, not aws-lambda-java-events' typed Cognito events: one handler (so one input type for the
 * runtime to deserialise) serves both triggers, and the event goes back as it came, which a typed
 * round trip cannot do (post-confirmation's type has no {@code response}; nulls would be added or
 * dropped).
 */
public final class SignUpHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final Logger log = LoggerFactory.getLogger(SignUpHandler.class);

  /**
   * A display name shows beside every activity: one line of printable text, like a short message.
   */
  static final int MAX_DISPLAY_NAME_CHARS = 64;

  private final UserRepository users;

  public SignUpHandler() {
    this(repositoryFromEnvironment());
  }

  private static UserRepository repositoryFromEnvironment() {
    CruddurConfig config = CruddurConfig.from(CruddurConfig::processValue);
    return new UserRepository(DynamoDbClients.create(config), config.tableName());
  }

  SignUpHandler(UserRepository users) {
    this.users = users;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String trigger = String.valueOf(event.get("triggerSource"));
    Map<?, ?> attributes = attributes(event);
    String handle = string(attributes.get("preferred_username"));
    if (trigger.startsWith("PreSignUp_")) {
      if (!User.isValidHandle(handle)) {
        throw new IllegalArgumentException("handle_invalid");
      }
      if (users.findByHandle(handle).isPresent()) {
        throw new IllegalArgumentException("handle_taken");
      }
      String name = string(attributes.get("name"));
      if (name != null
          && !name.isBlank()
          && !isValidDisplayName(name)) { // blank: the handle is shown instead
        throw new IllegalArgumentException("display_name_invalid");
      }
    } else if ("PostConfirmation_ConfirmSignUp".equals(trigger)) {
      String sub = string(attributes.get("sub"));
      if (sub == null || !User.isValidHandle(handle)) {
        throw new IllegalArgumentException("handle_invalid");
      }
      // Pre-sign-up refused invalid names; one that got past it (an attribute changed in between)
      // is not shown.
      String name =
          Optional.ofNullable(string(attributes.get("name")))
              .filter(SignUpHandler::isValidDisplayName)
              .orElse(handle);
      User user = new User(UUID.randomUUID(), handle, name, Optional.of(sub));
      if (!users.create(user, Instant.now())) {
        // Cognito retries a trigger that did not answer in 5 s: the write may have landed the first
        // time.
        if (users.findByHandle(handle).flatMap(User::cognitoSub).filter(sub::equals).isPresent()) {
          log.info("Confirmation retried; the Cruddur user is already registered");
          return event;
        }
        // Two sign-ups raced for one handle between pre-sign-up and confirmation.
        log.warn("Handle already taken at confirmation; user not registered");
        throw new IllegalStateException("handle_taken");
      }
      log.info("Registered Cruddur user {}", user.uuid());
    }
    return event;
  }

  /** Printable, visible, on one line, and at most {@link #MAX_DISPLAY_NAME_CHARS} characters. */
  static boolean isValidDisplayName(String name) {
    return !Text.invisible(name)
        && Text.printable(name)
        && name.codePoints().noneMatch(cp -> cp == '\n' || cp == '\r' || cp == '\t')
        && name.codePointCount(0, name.length()) <= MAX_DISPLAY_NAME_CHARS;
  }

  private static Map<?, ?> attributes(Map<String, Object> event) {
    Object request = event.get("request");
    Object attributes = request instanceof Map<?, ?> r ? r.get("userAttributes") : null;
    return attributes instanceof Map<?, ?> a ? a : Map.of();
  }

  private static String string(Object value) {
    return value instanceof String s ? s.trim() : null;
  }
}
