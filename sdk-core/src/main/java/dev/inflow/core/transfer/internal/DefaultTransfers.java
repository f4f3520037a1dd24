package dev.inflow.core.transfer.internal;

import dev.inflow.core.Caller;
import dev.inflow.core.comment.internal.CommentImport;
import dev.inflow.core.internal.Platform;
import dev.inflow.core.transfer.ImportReport;
import dev.inflow.core.transfer.Transfers;
import dev.inflow.core.transfer.UrlMapping;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/** Imports and exports over the platform's database; see {@link Transfers}. */
public final class DefaultTransfers implements Transfers {
  private final Platform platform;
  private final TenantTransfer tenants;
  private final CommentImport comments;
  private final Consumer<String> commentsImported;

  /**
   * @param questions told which questions an import wrote
   * @param commentsImported told, with the tenant id, that an import wrote comments (caches of pages)
   */
  public DefaultTransfers(Platform platform, ExportParts.QuestionsImported questions, Consumer<String> commentsImported) {
    this.platform = platform;
    this.commentsImported = commentsImported;
    this.tenants = new TenantTransfer(platform.db(), platform.clock(), ExportParts.all(platform.markdown(), questions));
    this.comments = new CommentImport(platform);
  }

  /** @return the tenant exporter, for tests of its coverage */
  public TenantTransfer tenantTransfer() {
    return tenants;
  }

  @Override
  public void exportTenant(String tenantId, OutputStream out) {
    Caller.requireValidTenantId(tenantId);
    tenants.export(tenantId, Objects.requireNonNull(out, "out"));
  }

  @Override
  public ImportReport importTenant(String tenantId, InputStream json) {
    Caller.requireValidTenantId(tenantId);
    return imported(tenantId, tenants.importInto(tenantId, Objects.requireNonNull(json, "json"), platform.db().dialect()));
  }

  @Override
  public ImportReport importDisqus(String tenantId, InputStream xml, UrlMapping mapping) {
    Caller.requireValidTenantId(tenantId);
    SourceFile file = DisqusReader.read(xml, mapping);
    return imported(tenantId, comments.run(tenantId, "disqus", file.threads, file.posts, file.skipped, file.unmappedUrls));
  }

  @Override
  public ImportReport importWordPress(String tenantId, InputStream xml, UrlMapping mapping) {
    Caller.requireValidTenantId(tenantId);
    SourceFile file = WordPressReader.read(xml, mapping);
    return imported(tenantId, comments.run(tenantId, "wordpress", file.threads, file.posts, file.skipped, file.unmappedUrls));
  }

  private ImportReport imported(String tenantId, ImportReport report) {
    commentsImported.accept(tenantId);
    return report;
  }
}
