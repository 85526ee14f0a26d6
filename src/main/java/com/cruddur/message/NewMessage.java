package com.cruddur.message;

/** A valid request to send a message to the user with {@code receiverHandle}. */
public record NewMessage(String message, String receiverHandle) {}
