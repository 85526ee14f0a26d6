package com.cruddur.activities;

/** A valid request to publish an activity. */
public record NewActivity(String message, Ttl ttl) {}
