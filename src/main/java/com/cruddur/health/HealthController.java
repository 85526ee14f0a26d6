package com.cruddur.health;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference's health check ({@code {"success": true, "ver": 1}}), for smoke tests after a
 * deploy.
 */
@RestController
class HealthController {

  record Health(boolean success, int ver) {}

  @GetMapping(path = "/api/health-check", produces = MediaType.APPLICATION_JSON_VALUE)
  Health health() {
    return new Health(true, 1);
  }
}
