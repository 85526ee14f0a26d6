package com.cruddur.bench.plain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's second baseline: a Spring Boot 3 application as a user writes it for Lambda after
 * serverless-java-container's Spring Boot 3 sample, full auto-configuration, one controller. Its
 * own package, so that its component scan sees none of Cruddur's configuration.
 */
@SpringBootApplication
public class PlainBootApplication {

  public static void main(String[] args) {
    SpringApplication.run(PlainBootApplication.class, args);
  }
}
