package dev.inflow.core.user.internal;

import dev.inflow.core.internal.db.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code inflow_user_expertise}: the tags users declare in their own profile (token or login), one
 * row per user and tag, kept in step with {@code inflow_user.expertise} so that routing finds a
 * tag's experts through the index {@code (tenant_id, tag)} instead of reading every user of the
 * tenant. Written wherever a profile's expertise is: {@link UserStore#remember} and the tenant
 * import (which copies {@code inflow_user} rows as they were exported).
 *
 * <p>Stateless and thread-safe.
 */
public final class UserExpertise {
  private UserExpertise() {}

  /** Makes the user's rows the given tags, inside the caller's transaction. */
  static void replace(Sql sql, String tenant, String userId, Collection<String> tags) throws SQLException {
    List<Object> params = new ArrayList<>(List.of(tenant, userId));
    params.addAll(tags);
    sql.update("DELETE FROM inflow_user_expertise WHERE tenant_id = ? AND user_id = ?"
        + (tags.isEmpty() ? "" : " AND tag NOT IN (" + Sql.placeholders(tags) + ")"), params.toArray());
    for (String tag : tags) {
      sql.insertIfAbsent("INSERT INTO inflow_user_expertise (tenant_id, tag, user_id) VALUES (?, ?, ?)", tenant, tag, userId);
    }
  }

  /**
   * Adds the rows of every profile of the tenant that has none yet (after an import wrote
   * {@code inflow_user} directly): each profile's comma-separated tags, split in SQL.
   */
  public static void addMissing(Connection connection, String tenant) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO inflow_user_expertise (tenant_id, tag, user_id)"
        + " WITH RECURSIVE split (tenant_id, user_id, tag, rest) AS ("
        + " SELECT u.tenant_id, u.id, CAST('' AS VARCHAR(4000)), CAST(u.expertise || ',' AS VARCHAR(4000)) FROM inflow_user u"
        + " WHERE u.tenant_id = ? AND u.expertise <> ''"
        + " AND NOT EXISTS (SELECT 1 FROM inflow_user_expertise x WHERE x.tenant_id = u.tenant_id AND x.user_id = u.id)"
        + " UNION ALL SELECT tenant_id, user_id, CAST(SUBSTRING(rest FROM 1 FOR POSITION(',' IN rest) - 1) AS VARCHAR(4000)),"
        + " CAST(SUBSTRING(rest FROM POSITION(',' IN rest) + 1) AS VARCHAR(4000)) FROM split WHERE rest <> '')"
        + " SELECT DISTINCT tenant_id, tag, user_id FROM split WHERE tag <> '' AND CHAR_LENGTH(tag) <= 50")) {
      ps.setString(1, tenant);
      ps.executeUpdate();
    }
  }
}
