package dev.inflow.core.internal.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Typed, null-aware access to the current row of a result set, by column label. */
public final class Row {
  private final ResultSet rs;

  Row(ResultSet rs) {
    this.rs = rs;
  }

  public String string(String column) throws SQLException {
    return rs.getString(column);
  }

  public Optional<String> optionalString(String column) throws SQLException {
    return Optional.ofNullable(rs.getString(column));
  }

  public long longValue(String column) throws SQLException {
    return rs.getLong(column);
  }

  /** @param index 1-based column index, for unnamed expressions such as {@code count(*)} */
  public long longAt(int index) throws SQLException {
    return rs.getLong(index);
  }

  public Optional<Long> optionalLong(String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(value);
  }

  public int intValue(String column) throws SQLException {
    return rs.getInt(column);
  }

  public double doubleValue(String column) throws SQLException {
    return rs.getDouble(column);
  }

  public boolean bool(String column) throws SQLException {
    return rs.getBoolean(column);
  }

  public Instant instant(String column) throws SQLException {
    return optionalInstant(column).orElseThrow(() -> new SQLException("column " + column + " is null"));
  }

  public Optional<Instant> optionalInstant(String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
  }
}
