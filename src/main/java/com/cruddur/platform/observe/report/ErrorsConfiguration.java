package com.cruddur.platform.observe.report;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Rollbar test route; the reporter itself comes from the Lambda or the local application. */
@Configuration(proxyBeanMethods = false)
@Import(RollbarTestController.class)
public class ErrorsConfiguration {}
