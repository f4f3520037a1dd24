package dev.inflow.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to change in a question with {@link QuestionsApi#edit}; what is empty stays as it is:
 * {@code QuestionEdit.none().title("How do I renew the VPN token?").tags("vpn", "security")}.
 *
 * @param title the new title
 * @param body the new Markdown body
 * @param tags the new tags; unmodifiable
 */
public record QuestionEdit(Optional<String> title, Optional<String> body, Optional<List<String>> tags) {
  /** @throws NullPointerException when a component is null */
  public QuestionEdit {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    tags = Objects.requireNonNull(tags, "tags").map(List::copyOf);
  }

  /** @return an edit that changes nothing yet */
  public static QuestionEdit none() {
    return new QuestionEdit(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @return this edit, changing the title too */
  public QuestionEdit title(String title) {
    return new QuestionEdit(Optional.of(Objects.requireNonNull(title, "title")), body, tags);
  }

  /** @return this edit, changing the body too */
  public QuestionEdit body(String body) {
    return new QuestionEdit(title, Optional.of(Objects.requireNonNull(body, "body")), tags);
  }

  /** @return this edit, replacing the tags too */
  public QuestionEdit tags(String... tags) {
    return new QuestionEdit(title, body, Optional.of(List.of(tags)));
  }
}
