package com.cruddur.local.tools.doctor;

import com.cruddur.local.tools.doctor.Finding.Status;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The findings of one examination, in the order the checks made them, and how they are printed. */
final class Report {

  private final List<Finding> findings = new ArrayList<>();

  void ok(String check, String detail) {
    findings.add(new Finding(Status.OK, check, detail, null));
  }

  void warn(String check, String detail, String fix) {
    findings.add(new Finding(Status.WARN, check, detail, fix));
  }

  void fail(String check, String detail, String fix) {
    findings.add(new Finding(Status.FAIL, check, detail, fix));
  }

  List<Finding> findings() {
    return List.copyOf(findings);
  }

  static void print(List<Finding> findings, String origin, PrintStream out) {
    out.println("cruddur doctor: telemetry settings from " + origin);
    for (Finding finding : findings) {
      out.printf(
          "  %-4s %-18s %s%n",
          finding.status() == Status.OK ? "ok" : finding.status().name(),
          finding.check(),
          finding.detail());
      if (finding.fix() != null) {
        out.printf("       %-18s fix: %s%n", "", finding.fix());
      }
    }
    long failed = findings.stream().filter(f -> f.status() == Status.FAIL).count();
    out.println(
        failed == 0 ? "no problems found" : failed + " problem(s): fix them before deploying");
  }
}
