package dev.inflow.client;

/** JSON bodies as the real server writes them, for stubbed answers. */
final class Answers {
  private Answers() {}

  static String comment(String id, String body) {
    return """
        {"id":"%s","targetKey":"order:1","parentId":null,"depth":0,
         "author":{"id":"ana","name":"Ana","avatarUrl":null},"body":"%s","html":"<p>%s</p>\\n",
         "createdAt":"2026-11-23T10:00:00Z","editedAt":null,"deleted":false,"hidden":false,
         "reactions":{"👍":2},"myReactions":["👍"],"replyCount":0,"mentions":[],"version":1,
         "canEdit":true,"canDelete":true,"moreReplies":null}
        """.formatted(id, body, body);
  }

  static String page(String next, String... items) {
    return "{\"items\":[" + String.join(",", items) + "],\"next\":" + (next == null ? "null" : "\"" + next + "\"") + "}";
  }

  static String problem(int status, String type, String title, String detail) {
    return """
        {"type":"https://inflow.dev/problems/%s","title":"%s","status":%d,"detail":"%s"}
        """.formatted(type, title, status, detail);
  }

  static String me() {
    return """
        {"signedIn":true,"tenant":"default","user":{"id":"ana","name":"Ana","avatarUrl":null,"roles":["member"]},
         "csrfToken":"x","maxBodyChars":10000,"reactions":["👍","❤️"]}
        """;
  }
}
