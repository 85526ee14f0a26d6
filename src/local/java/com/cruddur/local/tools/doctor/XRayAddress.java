package com.cruddur.local.tools.doctor;

import com.amazonaws.xray.config.DaemonConfiguration;
import java.util.Map;

/**
 * Whether an AWS_XRAY_DAEMON_ADDRESS value is one the X-Ray SDK accepts, judged by the SDK's own
 * parser.
 */
final class XRayAddress {

  private XRayAddress() {}

  static void check(Map<String, String> settings, Report report) {
    String address = settings.get("AWS_XRAY_DAEMON_ADDRESS");
    if (address == null) {
      report.ok(
          "X-Ray daemon",
          "AWS_XRAY_DAEMON_ADDRESS not set: the SDK sends to 127.0.0.1:2000 (Lambda sets it"
              + " itself)");
      return;
    }
    String problem = problem(address);
    if (problem == null) {
      report.ok("X-Ray daemon", "AWS_XRAY_DAEMON_ADDRESS=" + address.strip());
    } else {
      report.fail(
          "X-Ray daemon",
          "AWS_XRAY_DAEMON_ADDRESS=" + address + ": " + problem,
          "use host:port (e.g. 127.0.0.1:2000) or \"tcp:host:port udp:host:port\"");
    }
  }

  /** Null when the SDK accepts the address, else why not. */
  static String problem(String address) {
    try {
      DaemonConfiguration configuration = new DaemonConfiguration();
      return configuration.setUDPAndTCPAddress(address.strip())
          ? null
          : "not in a form the X-Ray SDK accepts (it would fall back to 127.0.0.1:2000)";
    } catch (RuntimeException e) {
      return "the X-Ray SDK rejects it (" + e.getMessage() + ")";
    }
  }
}
