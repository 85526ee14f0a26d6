package com.cruddur.local.doctor;

import com.amazonaws.xray.config.DaemonConfiguration;

/** Whether an AWS_XRAY_DAEMON_ADDRESS value is one the X-Ray SDK accepts, judged by the SDK's own parser. */
final class XRayAddress {

  private XRayAddress() {}

  /** Null when the SDK accepts the address, else why not. */
  static String problem(String address) {
    try {
      DaemonConfiguration configuration = new DaemonConfiguration();
      return configuration.setUDPAndTCPAddress(address.strip()) ? null
          : "not in a form the X-Ray SDK accepts (it would fall back to 127.0.0.1:2000)";
    } catch (RuntimeException e) {
      return "the X-Ray SDK rejects it (" + e.getMessage() + ")";
    }
  }
}
