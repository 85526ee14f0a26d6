package com.cruddur.message;

import com.cruddur.common.Idempotency;
import com.cruddur.user.User;
import java.util.Optional;

/**
 * What the service writes: a message, together with both participants' conversation entries, all or
 * nothing. The store implements it; the domain only names it.
 */
public interface MessageWrites {

  /**
   * Appends the message to its conversation and moves the conversation to the top of both
   * participants' lists, creating those entries with the first message, with the claim if there is
   * one, atomically. Concurrent sends all land, in order: a message is never stored before one
   * already listed as the conversation's last, so its time may be moved a little later than asked.
   *
   * @return the message as stored
   * @throws Idempotency.Replayed when the key was already used: nothing new is written
   */
  Message send(Message message, User receiver, Optional<Idempotency.Claim> claim);
}
