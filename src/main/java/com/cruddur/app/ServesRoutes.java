package com.cruddur.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * A feature's configuration is built only in a function that serves one of these routes (API
 * Gateway's spelling, {@code GET /api/activities/home}), or where no function routes are set (the
 * local server, the in-JVM harness: every route). A configuration without it is always built, so a
 * new feature works everywhere until it says which routes it serves. What it imports is skipped
 * with it unless another built configuration imports it too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(ServedRoutes.Condition.class)
public @interface ServesRoutes {

  String[] value();
}
