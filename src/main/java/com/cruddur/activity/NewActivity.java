package com.cruddur.activity;

/** A valid request to publish an activity. */
public record NewActivity(String message, Ttl ttl) {}
