package com.cruddur.bench.plain;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The same JSON answer at the same path as our health check, with nothing around it. */
@RestController
class PlainHealthController {

  record Health(boolean success, int ver) {}

  @GetMapping(path = "/api/health-check", produces = MediaType.APPLICATION_JSON_VALUE)
  Health health() {
    return new Health(true, 1);
  }
}
