package dev.inflow.core.comment;

/** What a moderator decides about a flagged comment. */
public enum ModerationAction {
  /** The comment is fine: it is shown again and its open flags are closed. */
  APPROVE,
  /** The comment breaks the rules: it is deleted (a tombstone if it has replies) and flags are closed. */
  REMOVE
}
