package com.cruddur.health;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(HealthController.class)
public class HealthConfiguration {}
