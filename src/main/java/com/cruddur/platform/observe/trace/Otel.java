package com.cruddur.platform.observe.trace;

/**
 * Whether the OpenTelemetry API is on the classpath: in Lambda only when the ADOT layer is attached
 * (the API is never in our artifact), locally always. Callers check this before touching {@link
 * OtelBridge}, so that no OpenTelemetry class is loaded when there is none.
 */
public final class Otel {

  public static final boolean PRESENT = present("io.opentelemetry.api.GlobalOpenTelemetry");

  private Otel() {}

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Otel.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError absent) {
      return false;
    }
  }
}
