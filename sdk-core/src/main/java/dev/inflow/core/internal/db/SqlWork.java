package dev.inflow.core.internal.db;

import java.sql.SQLException;

/** A unit of database work run by {@link Database}, inside a transaction or not. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Sql sql) throws SQLException;
}
