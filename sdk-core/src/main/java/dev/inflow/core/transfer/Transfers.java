package dev.inflow.core.transfer;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Imports and exports of a tenant's data. An operator's API: it checks input, not who calls (the
 * servlet's admin API lets a tenant's admins run it on their own tenant; the CLI runs it on any).
 * Thread-safe; each call is one transaction, so a failed import changes nothing.
 */
public interface Transfers {
  /**
   * Writes everything the tenant holds (users, targets, comments with their history, reactions and
   * flags, allowed origins, and the parts of later features) as one JSON document. Token secrets
   * are not part of it. The stream is not closed.
   *
   * @throws dev.inflow.core.InflowException when the database or the stream fails
   */
  void exportTenant(String tenantId, OutputStream out);

  /**
   * Reads a document written by {@link #exportTenant} into a tenant, which may have another id
   * than the one exported. Comments keep their ids, so the tenant must hold no comments yet.
   *
   * @throws dev.inflow.core.InvalidInputException naming the first field of the document that is wrong
   * @throws dev.inflow.core.ConflictException when the tenant holds comments already
   */
  ImportReport importTenant(String tenantId, InputStream json);

  /**
   * Imports the comments of a Disqus export (XML). Threads are placed on target keys by the
   * mapping; replies stay replies, authors and dates are kept; spam is left out. Running it again
   * with the same file adds nothing; with a newer file, only what is new.
   *
   * @throws dev.inflow.core.InvalidInputException when the file is not a Disqus export
   */
  ImportReport importDisqus(String tenantId, InputStream xml, UrlMapping mapping);

  /**
   * Imports the comments of a WordPress export (WXR). Like {@link #importDisqus}; pending comments
   * arrive hidden for moderators, spam and trash are left out, pingbacks and trackbacks too.
   *
   * @throws dev.inflow.core.InvalidInputException when the file is not a WordPress export
   */
  ImportReport importWordPress(String tenantId, InputStream xml, UrlMapping mapping);
}
