package dev.inflow.core.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few places where H2 and PostgreSQL need different SQL. Everything else is written once in
 * SQL both understand, so that the same store code and tests run on both.
 */
public enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String flywayVendor;

  Dialect(String flywayVendor) {
    this.flywayVendor = flywayVendor;
  }

  /** @return the folder name of this database's own migrations */
  public String flywayVendor() {
    return flywayVendor;
  }

  /** @return the dialect of the database behind the connection */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new IllegalStateException("Inflow runs on H2 or PostgreSQL, not on " + product);
  }

  /** @return an expression that yields the next value of a sequence, e.g. in an INSERT's VALUES */
  public String nextValue(String sequence) {
    return this == H2 ? "NEXT VALUE FOR " + sequence : "nextval('" + sequence + "')";
  }
}
