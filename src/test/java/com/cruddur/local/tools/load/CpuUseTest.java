package com.cruddur.local.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuUseTest {

  @Test
  void threadsAreGroupedByWhatTheirPoolsNameThem() {
    assertThat(CpuUse.group("SQLiteQueue[]")).isEqualTo("DynamoDB Local's SQLite thread");
    assertThat(CpuUse.group("qtp1586845078-41")).isEqualTo("DynamoDB Local (Jetty threads)");
    assertThat(CpuUse.group("http-nio-127.0.0.1-auto-1-exec-7"))
        .isEqualTo("server (Tomcat request threads)");
    assertThat(CpuUse.group("load-client-12")).isEqualTo("load clients (ours: HTTP)");
    assertThat(CpuUse.group("load-client-http-2")).isEqualTo("load clients (ours: HTTP)");
    assertThat(CpuUse.group("baseline-client-3")).isEqualTo("baseline clients (SDK)");
    assertThat(CpuUse.group("C2 CompilerThread0")).isEqualTo("JIT, GC and the VM thread");
    assertThat(CpuUse.group("Catalina-utility-1")).isEqualTo("other");
  }

  @Test
  void aPhaseCountsTheCpuOfClientThreadsThatEndedInIt() throws InterruptedException {
    CpuUse.Reading before = CpuUse.read();
    Thread client =
        new Thread(
            () -> {
              long sum = 0;
              for (long i = 0; i < 50_000_000L; i++) {
                sum += i ^ (sum >>> 3);
              }
              if (sum == 42) {
                System.out.println(sum);
              }
              CpuUse.threadEnding();
            },
            "baseline-client-test");
    client.start();
    client.join();

    CpuUse.Use use = CpuUse.between(before, CpuUse.read());

    assertThat(use.groups()).containsKey("baseline clients (SDK)");
    assertThat(use.groups().get("baseline clients (SDK)")).isPositive();
    assertThat(use.processCores()).isPositive();
  }
}
