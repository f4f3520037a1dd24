package dev.inflow.core.question.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * {@code (tenant_id, column) IN ((?, ?), ...)} for looking up many rows of one tenant by a key.
 * Written as a row-value list because H2 uses only the tenant part of a composite index for
 * {@code tenant_id = ? AND column IN (...)} and then filters every row of the tenant (measured:
 * most of a similar-question look-up's time at 100,000 questions); PostgreSQL plans both forms as
 * index look-ups.
 */
final class KeysIn {
  private KeysIn() {}

  /** @return the condition for {@code count} keys, e.g. {@code (q.tenant_id, q.id) IN ((?, ?), (?, ?))} */
  static String condition(String tenantColumn, String keyColumn, int count) {
    return "(" + tenantColumn + ", " + keyColumn + ") IN (" + String.join(", ", Collections.nCopies(count, "(?, ?)")) + ")";
  }

  /** @return the parameters of {@link #condition}: tenant and key, for each key */
  static List<Object> params(String tenant, Collection<?> keys) {
    List<Object> params = new ArrayList<>(keys.size() * 2);
    for (Object key : keys) {
      params.add(tenant);
      params.add(key);
    }
    return params;
  }
}
