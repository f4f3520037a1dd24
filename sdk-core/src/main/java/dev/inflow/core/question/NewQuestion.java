package dev.inflow.core.question;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person asks.
 *
 * @param title one line, required
 * @param body Markdown, may be empty
 * @param tags 1–5 tags from the tenant's tag list (or new ones, where the tenant allows it)
 * @param targetKey the business object the question is about, if any
 * @param anonymous hide the asker's name from everyone but administrators
 * @param targetTitle the target's title as the embedding page knows it
 * @param targetUrl the target's URL (http or https)
 */
public record NewQuestion(String title, String body, List<String> tags, Optional<String> targetKey, boolean anonymous,
    Optional<String> targetTitle, Optional<String> targetUrl) {
  public NewQuestion {
    tags = tags == null ? List.of() : List.copyOf(tags);
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(targetTitle, "targetTitle");
    Objects.requireNonNull(targetUrl, "targetUrl");
  }

  /** @return a question with a title, a body and tags, about no particular target, with the asker's name shown */
  public static NewQuestion of(String title, String body, List<String> tags) {
    return new NewQuestion(title, body, tags, Optional.empty(), false, Optional.empty(), Optional.empty());
  }

  /** @return this question, about a target */
  public NewQuestion about(String targetKey) {
    return new NewQuestion(title, body, tags, Optional.of(targetKey), anonymous, targetTitle, targetUrl);
  }

  /** @return this question, asked anonymously */
  public NewQuestion anonymously() {
    return new NewQuestion(title, body, tags, targetKey, true, targetTitle, targetUrl);
  }
}
