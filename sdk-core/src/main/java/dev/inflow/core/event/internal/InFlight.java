package dev.inflow.core.event.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's transactions that are recording an event and have not ended yet. A transaction
 * registers <em>before</em> it draws its sequence number, so a reader that sees a hole in the
 * sequence and then finds no transaction here that could hold the missing number knows the hole
 * is permanent (a rollback), not an event about to commit.
 */
final class InFlight {
  private final Set<Token> tokens = ConcurrentHashMap.newKeySet();

  /** One transaction's event; {@code seq} is 0 until the number is drawn. */
  final class Token {
    private volatile long seq;

    void drew(long seq) {
      this.seq = seq;
    }

    void end() {
      tokens.remove(this);
    }
  }

  Token begin() {
    Token token = new Token();
    tokens.add(token);
    return token;
  }

  /** @return whether some transaction still running may hold a number in (after, before) */
  boolean mayHold(long after, long before) {
    for (Token t : tokens) {
      long seq = t.seq;
      if (seq == 0 || (seq > after && seq < before)) {
        return true;
      }
    }
    return false;
  }
}
