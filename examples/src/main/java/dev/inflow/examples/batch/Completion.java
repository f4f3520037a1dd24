package dev.inflow.examples.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of an LMS export: a person completed a course.
 *
 * @param line the row's line number in the file, for reports
 * @param userId the person, as the host (and so Inflow) knows them
 * @param userName their display name, if the export has it
 * @param courseId the course, e.g. {@code java-101}
 * @param courseTitle what people call it
 * @param courseUrl where it lives, if the export says
 * @param completedAt when it was completed
 */
public record Completion(int line, String userId, Optional<String> userName, String courseId, String courseTitle, Optional<String> courseUrl,
    Instant completedAt) {
  public Completion {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(courseId, "courseId");
    Objects.requireNonNull(courseTitle, "courseTitle");
    Objects.requireNonNull(courseUrl, "courseUrl");
    Objects.requireNonNull(completedAt, "completedAt");
  }

  /**
   * The key that makes publishing this completion idempotent: derived from what identifies the
   * completion (who, which course, when), not from the line number or the titles, so that the
   * same completion gets the same key in every export, wherever it sits in the file.
   *
   * @return {@code lms-completion-} and 40 hex digits of a SHA-256
   */
  public String idempotencyKey() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // NUL separators: no two different (user, course, time) triples give the same input.
      byte[] digest = sha.digest((userId + '\0' + courseId + '\0' + completedAt).getBytes(StandardCharsets.UTF_8));
      return "lms-completion-" + HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
