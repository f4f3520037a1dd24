package dev.inflow.client;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The edit was based on an old version (412): someone changed the comment since it was read.
 * Reload it (its version is {@link #currentVersion()}), show the change, and edit again.
 */
public class PreconditionFailedException extends InflowApiException {
  private static final long serialVersionUID = 1L;
  private final String currentEtag;

  /**
   * @param message what happened, for logs
   * @param status the HTTP status answered
   * @param problem the problem document answered
   * @param currentEtag the {@code ETag} the server sent with the refusal, if any
   */
  public PreconditionFailedException(String message, int status, Problem problem, Optional<String> currentEtag) {
    super(message, status, problem, null);
    this.currentEtag = Objects.requireNonNull(currentEtag, "currentEtag").orElse(null);
  }

  /** @return the current {@code ETag} of the resource, e.g. {@code "4"}, when the server sent it */
  public Optional<String> currentEtag() {
    return Optional.ofNullable(currentEtag);
  }

  /** @return the current version of the comment, when the server sent an ETag naming one */
  public OptionalLong currentVersion() {
    if (currentEtag == null) {
      return OptionalLong.empty();
    }
    String tag = currentEtag.strip().replaceFirst("^W/", "");
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      return OptionalLong.of(Long.parseLong(tag));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
