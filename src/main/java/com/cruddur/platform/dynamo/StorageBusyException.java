package com.cruddur.platform.dynamo;

/**
 * DynamoDB is throttling or contended beyond our bounded retries; the client should retry later
 * (503).
 */
public class StorageBusyException extends RuntimeException {

  public StorageBusyException(String message) {
    super(message);
  }
}
