package com.cruddur.activity;

/** A valid request to reply to an activity. */
public record NewReply(String message) {}
