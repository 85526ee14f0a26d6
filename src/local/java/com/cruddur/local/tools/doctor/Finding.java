package com.cruddur.local.tools.doctor;

/** One line of the report; {@code fix} says what to do when it is not OK. */
record Finding(Status status, String check, String detail, String fix) {

  /** The outcome of one check. */
  enum Status {
    OK,
    WARN,
    FAIL
  }
}
