package dev.inflow.core.internal.db;

import dev.inflow.core.InflowException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs Inflow's versioned schema migrations with Flyway. Inflow keeps its own history table and
 * prefixes every table with {@code inflow_}, so it can share a database (and a schema) with the
 * host application; a non-empty schema is baselined below version 1 so all migrations still run.
 */
public final class Migrations {
  private static final String COMMON = "db/inflow/common";

  private Migrations() {}

  /**
   * @return the versions applied by this run (empty when the schema was current)
   * @throws InflowException naming the migration that failed
   */
  public static List<String> migrate(DataSource dataSource, Dialect dialect) {
    List<String> locations = new ArrayList<>(List.of("classpath:" + COMMON));
    String vendor = "db/inflow/" + dialect.flywayVendor();
    if (Migrations.class.getClassLoader().getResource(vendor) != null) {
      locations.add("classpath:" + vendor);
    }
    try {
      MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(dataSource)
          .locations(locations.toArray(String[]::new))
          .table("inflow_schema_history")
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
      return result.migrations.stream().map(m -> m.version + " " + m.description).toList();
    } catch (FlywayException e) {
      throw new InflowException("the database schema could not be migrated: " + e.getMessage(), e);
    }
  }
}
