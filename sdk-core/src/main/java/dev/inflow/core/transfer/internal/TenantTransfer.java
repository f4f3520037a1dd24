package dev.inflow.core.transfer.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.inflow.core.ConflictException;
import dev.inflow.core.InflowException;
import dev.inflow.core.InvalidInputException;
import dev.inflow.core.internal.db.Database;
import dev.inflow.core.internal.db.Dialect;
import dev.inflow.core.internal.json.Json;
import dev.inflow.core.transfer.ImportReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Writes a tenant's tables to JSON and reads them back, part by part, row by row, both streamed so
 * that a large tenant never sits in memory whole. Rows are written column by column as they are
 * stored (timestamps as ISO-8601 UTC, the tenant column left out), so that nothing is lost and a
 * part needs no code of its own beyond naming its tables.
 *
 * <pre>{@code
 * {"format":"inflow-tenant-export","formatVersion":1,"schemaVersion":61,"tenant":"acme","exportedAt":"...",
 *  "parts":{"users":{"inflow_user":[{"id":"ana","name":"Ana Lima",...}]},"comments":{"inflow_comment":[...]}}}
 * }</pre>
 */
public final class TenantTransfer {
  static final String FORMAT = "inflow-tenant-export";
  static final int FORMAT_VERSION = 1;
  /** Reads one row at a time from the middle of the document, so what follows a row is no error. */
  private static final ObjectReader ROWS = Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final Database db;
  private final Clock clock;
  private final List<ExportPart> parts;

  public TenantTransfer(Database db, Clock clock, List<ExportPart> parts) {
    this.db = db;
    this.clock = clock;
    this.parts = List.copyOf(parts);
  }

  /** @return the parts, for the coverage test */
  public List<ExportPart> parts() {
    return parts;
  }

  public void export(String tenant, OutputStream out) {
    DataSource ds = db.dataSource();
    try (Connection c = ds.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      // One snapshot for the whole export, so that its parts agree with each other.
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("formatVersion", FORMAT_VERSION);
        g.writeNumberField("schemaVersion", schemaVersion(c));
        g.writeStringField("tenant", tenant);
        g.writeStringField("exportedAt", clock.instant().toString());
        g.writeObjectFieldStart("parts");
        for (ExportPart part : parts) {
          g.writeObjectFieldStart(part.name());
          for (ExportPart.Table table : part.tables()) {
            g.writeArrayFieldStart(table.name());
            writeRows(c, table, tenant, g);
            g.writeEndArray();
          }
          g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
      } finally {
        c.rollback();
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw Database.translate(e);
    } catch (IOException e) {
      throw new InflowException("the export could not be written: " + e.getMessage(), e);
    }
  }

  private static void writeRows(Connection c, ExportPart.Table table, String tenant, JsonGenerator g) throws SQLException, IOException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table.name() + " WHERE " + table.tenantColumn() + " = ? ORDER BY "
        + table.orderBy())) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          g.writeStartObject();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            if (column.equals(table.tenantColumn()) || table.drawn().contains(column)) {
              continue;
            }
            g.writeFieldName(column);
            writeValue(rs, i, meta.getColumnType(i), g);
          }
          g.writeEndObject();
        }
      }
    }
  }

  private static void writeValue(ResultSet rs, int i, int type, JsonGenerator g) throws SQLException, IOException {
    switch (type) {
      case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        if (t == null) {
          g.writeNull();
        } else {
          g.writeString(t.toInstant().toString());
        }
      }
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
          g.writeNull();
        } else {
          g.writeNumber(v);
        }
      }
      case Types.BOOLEAN, Types.BIT -> {
        boolean v = rs.getBoolean(i);
        if (rs.wasNull()) {
          g.writeNull();
        } else {
          g.writeBoolean(v);
        }
      }
      case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL -> {
        BigDecimal v = rs.getBigDecimal(i);
        if (v == null) {
          g.writeNull();
        } else {
          g.writeNumber(v);
        }
      }
      default -> {
        String v = rs.getString(i);
        if (v == null) {
          g.writeNull();
        } else {
          g.writeString(v);
        }
      }
    }
  }

  /**
   * Reads an export into the tenant, in one transaction.
   *
   * @throws InvalidInputException naming the place in the document that is wrong
   * @throws ConflictException when the tenant holds comments already
   */
  public ImportReport importInto(String tenant, InputStream in, Dialect dialect) {
    Map<String, Integer> rows = new TreeMap<>();
    List<ExportPart> imported = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        requireNoComments(c, tenant);
        try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
          read(p, c, dialect, tenant, rows, imported);
        }
        c.commit();
      } catch (SQLException | RuntimeException | IOException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
      for (ExportPart part : imported) {
        part.afterImport().run(c, dialect, tenant);
      }
    } catch (SQLException e) {
      throw Database.translate(e);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("$", "not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    } catch (IOException e) {
      throw new InflowException("the export could not be read: " + e.getMessage(), e);
    }
    return new ImportReport("inflow", rows.getOrDefault("inflow_comment", 0), 0, Map.of(), List.of(), List.of(), rows);
  }

  private void read(JsonParser p, Connection c, Dialect dialect, String tenant, Map<String, Integer> rows, List<ExportPart> imported)
      throws IOException, SQLException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new InvalidInputException("$", "an Inflow export is a JSON object with \"format\": \"" + FORMAT + "\"");
    }
    boolean formatSeen = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "format" -> {
          if (!FORMAT.equals(p.getValueAsString())) {
            throw new InvalidInputException("format", "format must be \"" + FORMAT + "\" (this is not an Inflow tenant export)");
          }
          formatSeen = true;
        }
        case "formatVersion" -> {
          if (!p.currentToken().isNumeric() || p.getIntValue() < 1 || p.getIntValue() > FORMAT_VERSION) {
            throw new InvalidInputException("formatVersion", "this Inflow reads export format versions 1 to " + FORMAT_VERSION);
          }
        }
        case "schemaVersion" -> {
          long ours = schemaVersion(c);
          if (!p.currentToken().isNumeric() || p.getLongValue() > ours) {
            throw new InvalidInputException("schemaVersion", "the export comes from a newer Inflow (schema " + p.getText()
                + ", this one has " + ours + "); upgrade this Inflow first");
          }
        }
        case "parts" -> {
          if (!formatSeen) {
            throw new InvalidInputException("format", "format must come before parts: this is not an Inflow tenant export");
          }
          readParts(p, c, dialect, tenant, rows, imported);
        }
        default -> p.skipChildren();
      }
    }
    if (!formatSeen) {
      throw new InvalidInputException("format", "format is required: \"" + FORMAT + "\"");
    }
  }

  private void readParts(JsonParser p, Connection c, Dialect dialect, String tenant, Map<String, Integer> rows, List<ExportPart> imported)
      throws IOException, SQLException {
    expect(p, JsonToken.START_OBJECT, "parts");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      ExportPart part = parts.stream().filter(x -> x.name().equals(name)).findFirst()
          .orElseThrow(() -> new InvalidInputException("parts." + name, "unknown part; this Inflow knows "
              + String.join(", ", parts.stream().map(ExportPart::name).toList())));
      p.nextToken();
      expect(p, JsonToken.START_OBJECT, "parts." + name);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String tableName = p.currentName();
        ExportPart.Table table = part.tables().stream().filter(t -> t.name().equals(tableName)).findFirst()
            .orElseThrow(() -> new InvalidInputException("parts." + name + "." + tableName, "unknown table in part " + name));
        p.nextToken();
        String field = "parts." + name + "." + tableName;
        expect(p, JsonToken.START_ARRAY, field);
        rows.put(tableName, readTable(p, c, dialect, tenant, table, field));
      }
      imported.add(part);
    }
  }

  private static int readTable(JsonParser p, Connection c, Dialect dialect, String tenant, ExportPart.Table table, String field)
      throws IOException, SQLException {
    Map<String, Integer> columns = columns(c, table.name());
    if (table.onConflict() == ExportPart.OnConflict.REPLACE_ALL) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table.name() + " WHERE " + table.tenantColumn() + " = ?")) {
        ps.setString(1, tenant);
        ps.executeUpdate();
      }
    }
    int count = 0;
    for (int index = 0; p.nextToken() != JsonToken.END_ARRAY; index++) {
      String rowField = field + "[" + index + "]";
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new InvalidInputException(rowField, "each row is a JSON object of column values");
      }
      JsonNode node = ROWS.readTree(p);
      Map<String, Object> row = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String column = e.getKey().toLowerCase(Locale.ROOT);
        if (table.drawn().contains(column)) {
          continue;
        }
        if (!columns.containsKey(column) || column.equals(table.tenantColumn())) {
          throw new InvalidInputException(rowField + "." + e.getKey(), "no such column in " + table.name());
        }
        row.put(column, value(e.getValue(), columns.get(column), rowField + "." + e.getKey()));
      }
      table.check().apply(row, rowField);
      if (insert(c, dialect, tenant, table, row, rowField)) {
        count++;
      }
    }
    return count;
  }

  private static boolean insert(Connection c, Dialect dialect, String tenant, ExportPart.Table table, Map<String, Object> row, String field)
      throws SQLException {
    List<String> names = new ArrayList<>(row.keySet());
    String sql = "INSERT INTO " + table.name() + " (" + table.tenantColumn() + (names.isEmpty() ? "" : ", " + String.join(", ", names))
        + ") VALUES (?" + ", ?".repeat(names.size()) + ")";
    boolean keep = table.onConflict() == ExportPart.OnConflict.KEEP_EXISTING;
    if (keep && dialect == Dialect.POSTGRESQL) {
      sql += " ON CONFLICT DO NOTHING";
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, tenant);
      for (int i = 0; i < names.size(); i++) {
        Object v = row.get(names.get(i));
        if (v == null) {
          ps.setNull(i + 2, Types.NULL);
        } else {
          ps.setObject(i + 2, v);
        }
      }
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (dev.inflow.core.internal.db.Sql.isUniqueViolation(e)) {
        if (keep) {
          return false;
        }
        throw new ConflictException(field + " exists already in the tenant; import into a tenant that holds none of this data");
      }
      if (e.getSQLState() != null && (e.getSQLState().startsWith("22") || e.getSQLState().startsWith("23"))) {
        throw new InvalidInputException(field, "the row does not fit " + table.name() + ": " + e.getMessage().split("\n")[0]);
      }
      throw e;
    }
  }

  private static Object value(JsonNode v, int type, String field) {
    if (v.isNull()) {
      return null;
    }
    switch (type) {
      case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> {
        try {
          return Instant.parse(v.asText()).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
          throw new InvalidInputException(field, "a time in ISO-8601 UTC such as 2024-05-01T08:30:00Z (got '" + v.asText() + "')");
        }
      }
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
          throw new InvalidInputException(field, "a whole number");
        }
        return type == Types.BIGINT ? (Object) v.longValue() : (Object) v.intValue();
      }
      case Types.BOOLEAN, Types.BIT -> {
        if (!v.isBoolean()) {
          throw new InvalidInputException(field, "true or false");
        }
        return v.booleanValue();
      }
      case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL -> {
        if (!v.isNumber()) {
          throw new InvalidInputException(field, "a number");
        }
        return v.decimalValue();
      }
      default -> {
        if (!v.isTextual()) {
          throw new InvalidInputException(field, "a string");
        }
        return v.textValue();
      }
    }
  }

  private static Map<String, Integer> columns(Connection c, String table) throws SQLException {
    Map<String, Integer> columns = new LinkedHashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
      }
    }
    return columns;
  }

  private static void requireNoComments(Connection c, String tenant) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM inflow_comment WHERE tenant_id = ?")) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        long n = rs.next() ? rs.getLong(1) : 0;
        if (n > 0) {
          throw new ConflictException("tenant '" + tenant + "' holds " + n + " comments already; a tenant export imports into a tenant"
              + " without comments (comment ids are kept)");
        }
      }
    }
  }

  /** @return the highest schema migration applied, e.g. 61 */
  static long schemaVersion(Connection c) throws SQLException {
    long max = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"inflow_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL")) {
      while (rs.next()) {
        Optional<String> v = Optional.ofNullable(rs.getString(1));
        try {
          max = Math.max(max, Long.parseLong(v.orElse("0").split("\\.")[0]));
        } catch (NumberFormatException e) {
          // a version that is not a number is not one of Inflow's
        }
      }
    }
    return max;
  }

  private static void expect(JsonParser p, JsonToken token, String field) {
    if (p.currentToken() != token) {
      throw new InvalidInputException(field, token == JsonToken.START_ARRAY ? "an array of rows" : "an object");
    }
  }
}
