package dev.inflow.core.transfer.internal;

import dev.inflow.core.internal.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One feature's share of a tenant export: its tables, copied row by row and column by column, so
 * that an export imports back without loss. A feature that adds tables adds its part to
 * {@link ExportParts#ALL}; a test fails until every table with a {@code tenant_id} is in a part or
 * named as not exported.
 *
 * @param name the part's name in the document, e.g. {@code comments}
 * @param tables its tables, in the order they are written and read back
 * @param afterImport work once the rows are committed, on the import's connection
 */
public record ExportPart(String name, List<Table> tables, AfterImport afterImport) {
  /** What happens when an imported row's key exists already in the tenant. */
  public enum OnConflict {
    /** The import fails: the tenant was not empty. */
    FAIL,
    /** The row in the tenant stays (users who signed in meanwhile, targets pages declared). */
    KEEP_EXISTING,
    /** The tenant's rows of this table are replaced by the export's. */
    REPLACE_ALL
  }

  /**
   * Cleans one imported row before it is written: nothing in an export file is trusted more than
   * what a user could type.
   */
  @FunctionalInterface
  public interface RowCheck {
    /**
     * @param row column (lower case) to value; may be changed
     * @param field the row's place in the document, for errors
     */
    void apply(Map<String, Object> row, String field);
  }

  /** Work after a part's rows are written. */
  @FunctionalInterface
  public interface AfterImport {
    void run(Connection connection, Dialect dialect, String tenantId) throws SQLException;

    static AfterImport nothing() {
      return (c, d, t) -> { };
    }
  }

  /**
   * @param name the table
   * @param tenantColumn the column naming the tenant ({@code tenant_id}, or {@code id} for the tenant itself)
   * @param orderBy the order rows are written in (parents before children)
   * @param onConflict what an existing row means
   * @param check cleans each imported row
   * @param drawn columns the database fills in itself (identity ids drawn for every tenant at once,
   *     generated search vectors): not exported, and filled in anew on import
   */
  public record Table(String name, String tenantColumn, String orderBy, OnConflict onConflict, RowCheck check, Set<String> drawn) {
    public Table {
      drawn = Set.copyOf(drawn);
    }

    public static Table of(String name, String orderBy, OnConflict onConflict) {
      return new Table(name, "tenant_id", orderBy, onConflict, (row, field) -> { }, Set.of());
    }

    public Table checked(RowCheck check) {
      return new Table(name, tenantColumn, orderBy, onConflict, check, drawn);
    }

    public Table drawing(String column) {
      Set<String> columns = new java.util.HashSet<>(drawn);
      columns.add(column);
      return new Table(name, tenantColumn, orderBy, onConflict, check, columns);
    }
  }

  public ExportPart {
    tables = List.copyOf(tables);
  }
}
