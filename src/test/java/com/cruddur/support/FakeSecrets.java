package com.cruddur.support;

/**
 * Obviously fake secrets the tests hand to the application; SecretsLeakCheck makes sure none is
 * ever written out.
 */
public final class FakeSecrets {

  /** Shaped like a Honeycomb ingest key (hc?ik_ + 58), spelled fake. */
  public static final String HONEYCOMB_INGEST_KEY =
      "hcaik_01fakefakefakefakefakefakefakefakefakefakefakefakefakefa";

  private FakeSecrets() {}
}
