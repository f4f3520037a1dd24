package dev.inflow.core.transfer;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an import did.
 *
 * @param source {@code disqus}, {@code wordpress} or {@code inflow}
 * @param imported comments added by this run
 * @param alreadyImported comments found in the file that an earlier run added
 * @param skipped comments left out, by reason ({@code spam}, {@code trash}, {@code pingback},
 *     {@code unmapped}, {@code empty}); unmodifiable
 * @param targets target keys that received comments, sorted; unmodifiable
 * @param unmappedUrls page URLs that no rule of the mapping matched (at most 50); unmodifiable
 * @param rows for a tenant import, rows written per table; unmodifiable
 */
public record ImportReport(String source, int imported, int alreadyImported, Map<String, Integer> skipped, List<String> targets,
    List<String> unmappedUrls, Map<String, Integer> rows) {
  public ImportReport {
    Objects.requireNonNull(source, "source");
    skipped = Map.copyOf(skipped);
    targets = List.copyOf(targets);
    unmappedUrls = List.copyOf(unmappedUrls);
    rows = Map.copyOf(rows);
  }
}
