package com.cruddur.edge.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.local.sam.LambdaHarness.HandlerFailedException;
import com.cruddur.support.ApiResponse;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Cognito sign-up triggers through SignUpFunction's handler, then a write by the registered
 * user.
 */
class SignUpHandlerTest {

  @BeforeAll
  static void seed() {
    TestDynamo.freshSeeded();
  }

  static ObjectNode cognitoEvent(String file, String handle, String sub) {
    ObjectNode event = TestLambda.event(file);
    ObjectNode attributes = (ObjectNode) event.get("request").get("userAttributes");
    attributes.put("preferred_username", handle);
    if (sub != null) {
      attributes.put("sub", sub);
    }
    return event;
  }

  static void trigger(ObjectNode event) throws Exception {
    TestLambda.harness().invoke("SignUpFunction", TestLambda.JSON.writeValueAsBytes(event));
  }

  @Test
  void aConfirmedSignUpBecomesAUserWhoCanWrite() throws Exception {
    trigger(cognitoEvent("cognito/pre-sign-up.json", "picard", null));
    trigger(cognitoEvent("cognito/post-confirmation.json", "picard", "local-sub-picard"));

    ObjectNode write =
        TestLambda.withSubject(
            TestLambda.withBody(
                TestLambda.event("create-activity.json"),
                TestLambda.json(Map.of("message", "Make it so", "ttl", "1-day"))),
            "local-sub-picard");
    ApiResponse created = TestLambda.invoke("CreateActivityFunction", write);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.json().get("handle").asText()).isEqualTo("picard");
    assertThat(created.json().get("display_name").asText()).isEqualTo("New Comer");
  }

  @Test
  void takenOrInvalidHandlesAreRefusedAtSignUp() {
    assertThatThrownBy(() -> trigger(cognitoEvent("cognito/pre-sign-up.json", "Worf", null)))
        .isInstanceOf(HandlerFailedException.class)
        .hasRootCauseMessage("handle_taken");
    assertThatThrownBy(() -> trigger(cognitoEvent("cognito/pre-sign-up.json", "no spaces", null)))
        .isInstanceOf(HandlerFailedException.class)
        .hasRootCauseMessage("handle_invalid");
    assertThatThrownBy(
            () ->
                trigger(
                    cognitoEvent("cognito/post-confirmation.json", "worf", "local-sub-impostor")))
        .isInstanceOf(HandlerFailedException.class)
        .hasRootCauseMessage("handle_taken");
  }

  @Test
  void aRetriedConfirmationSucceedsAndRegistersTheUserOnce() throws Exception {
    trigger(cognitoEvent("cognito/post-confirmation.json", "riker", "local-sub-riker"));
    TableSnapshot afterFirst = TestDynamo.snapshot();
    // Cognito retries when the first answer was late, after the write had landed.
    trigger(cognitoEvent("cognito/post-confirmation.json", "riker", "local-sub-riker"));
    assertThat(afterFirst.writesSince()).isEmpty();
    // Someone else confirming the same handle is still refused.
    assertThatThrownBy(
            () ->
                trigger(cognitoEvent("cognito/post-confirmation.json", "riker", "local-sub-other")))
        .isInstanceOf(HandlerFailedException.class)
        .hasRootCauseMessage("handle_taken");
  }

  @Test
  void displayNamesFollowTheRulesOfMessagesAtSignUp() throws Exception {
    for (String bad :
        List.of(
            "bell\u0007ring",
            "\u202Eevil",
            "two\nlines",
            "\u200B\u200B",
            "x".repeat(65),
            "nul\u0000byte")) {
      ObjectNode event = cognitoEvent("cognito/pre-sign-up.json", "troi", null);
      ((ObjectNode) event.at("/request/userAttributes")).put("name", bad);
      assertThatThrownBy(() -> trigger(event))
          .as(bad)
          .isInstanceOf(HandlerFailedException.class)
          .hasRootCauseMessage("display_name_invalid");
    }
    for (String good : List.of("Deanna Troi", "Ünïcödé 日本語 🚀", "x".repeat(64), "")) {
      ObjectNode event = cognitoEvent("cognito/pre-sign-up.json", "troi", null);
      ((ObjectNode) event.at("/request/userAttributes")).put("name", good);
      trigger(event);
    }
  }

  @Test
  void otherTriggersPassThroughUntouched() throws Exception {
    ObjectNode forgot = cognitoEvent("cognito/post-confirmation.json", "worf", "local-sub-worf");
    forgot.put("triggerSource", "PostConfirmation_ConfirmForgotPassword");
    TableSnapshot before = TestDynamo.snapshot();
    trigger(forgot);
    assertThat(before.writesSince()).isEmpty();
  }
}
