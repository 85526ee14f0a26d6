package com.cruddur.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.support.FaultyDynamo;
import com.cruddur.support.TableSnapshot;
import com.cruddur.support.TestDynamo;
import com.cruddur.support.TestLambda;
import com.cruddur.support.TestRollbar;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming path, run the way Lambda runs it before the snapshot: after init, outside any invocation
 * (no trace header, no request id). It must exercise Spring, Jackson and DynamoDB, write nothing, report nothing,
 * and leave the handler serving normally.
 */
class PrimingTest {

  @Test
  void primingRunsTheRequestPathReadOnlyAndLeavesTheHandlerServing() {
    TestLambda.harness();
    TestDynamo.freshSeeded();
    // Init as Lambda does it: the first invocation of this JVM initialises the handler class.
    assertThat(TestLambda.invoke("HealthCheckFunction", TestLambda.event("health-check.json")).status())
        .isEqualTo(200);
    FaultyDynamo dynamo = FaultyDynamo.in(TestDynamo.get().endpoint());
    dynamo.calls(true);
    TestRollbar.get().clear();
    TableSnapshot items = TestDynamo.snapshot();

    List<Integer> statuses = new Priming(new StreamLambdaHandler()).prime();

    assertThat(statuses).containsExactly(200, 200, 404, 401);
    assertThat(dynamo.calls(true)).as("DynamoDB calls made while priming").contains("Query", "GetItem")
        .doesNotContain("PutItem", "TransactWriteItems", "UpdateItem", "DeleteItem", "BatchWriteItem");
    assertThat(items.writesSince()).isEmpty();
    assertThat(TestRollbar.get().items()).isEmpty();
    assertThat(TestLambda.invoke("HomeActivitiesFunction", TestLambda.event("home.json")).status()).isEqualTo(200);
  }

  @Test
  void theHooksAreRegisteredOnlyForASnapStartInit() {
    // The test JVM is not a snap-start init: constructing a handler registers nothing (and needs no CRaC runtime).
    assertThat(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE")).isNotEqualTo("snap-start");
    Priming.registerForSnapStart(null);
    assertThat(Priming.REQUESTS).hasSize(4).allSatisfy(event -> assertThat(event).doesNotContain("\"sub\""));
  }
}
