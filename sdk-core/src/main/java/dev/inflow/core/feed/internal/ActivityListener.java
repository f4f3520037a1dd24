package dev.inflow.core.feed.internal;

import dev.inflow.core.feed.Activity;
import dev.inflow.core.internal.db.Sql;
import java.sql.SQLException;

/**
 * Work that must commit together with an activity, such as the statement for the Learning Record
 * Store in the outbox. Called inside the recording transaction.
 */
@FunctionalInterface
public interface ActivityListener {
  /**
   * @param draft the activity as the feature described it
   * @param view the activity as readers see it, with its id and publication time
   */
  void recorded(Sql sql, String tenant, ActivityDraft draft, Activity view) throws SQLException;
}
