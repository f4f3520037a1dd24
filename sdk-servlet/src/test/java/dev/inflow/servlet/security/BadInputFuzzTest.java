package dev.inflow.servlet.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.inflow.servlet.testing.Http;
import dev.inflow.servlet.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded fuzz run over every write operation of {@code openapi.json}: a valid body built from the
 * operation's schema, then each of its fields given the wrong type, and whole bodies that are huge,
 * deeply nested, not UTF-8, not JSON, or sent with odd headers and query parameters. Every answer
 * is a 2xx (when the mutation happened to stay valid) or a 4xx {@code application/problem+json}
 * naming the field it is about; never a 5xx. {@code /health} still says 200 at the end.
 *
 * <p>The seed is printed in each failure; run again with {@code -Dinflow.fuzz.seed=N} to repeat it.
 */
class BadInputFuzzTest extends SecurityContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = Long.getLong("inflow.fuzz.seed", 20261123L);
  private static final JsonNode OPENAPI = readOpenApi();
  private final Map<String, String> ids = new java.util.HashMap<>();
  private final String root = TestTokens.token("root", "admin", "moderator", "service");

  record Operation(String method, String path, JsonNode schema) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static JsonNode readOpenApi() {
    try (InputStream in = BadInputFuzzTest.class.getResourceAsStream("/dev/inflow/servlet/openapi.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Operation> writeOperations() {
    List<Operation> ops = new ArrayList<>();
    OPENAPI.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (List.of("post", "put", "patch", "delete").contains(op.getKey()) && path.getKey().startsWith("/api/v1/")) {
        JsonNode schema = resolve(op.getValue().path("requestBody").path("content").path("application/json").path("schema"));
        ops.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), schema));
      }
    }));
    assertThat(ops).hasSizeGreaterThan(30);
    return ops.stream();
  }

  private static JsonNode resolve(JsonNode schema) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
      return OPENAPI.path("components").path("schemas").path(name);
    }
    return schema;
  }

  @BeforeAll
  void createThingsToWriteTo() {
    String ana = TestTokens.token("ana");
    JsonNode comment = ok(http().post(API + "/targets/fuzz:1/comments").bearer(ana).json("{\"body\":\"fuzz me\"}"));
    JsonNode question = ok(http().post(API + "/questions").bearer(ana).json("{\"title\":\"Fuzz?\",\"tags\":[\"fuzz\"]}"));
    JsonNode answer = ok(http().post(API + "/questions/" + question.path("id").asText() + "/answers").bearer(TestTokens.token("ben"))
        .json("{\"body\":\"fuzz\"}"));
    ids.put("comments", comment.path("id").asText());
    ids.put("questions", question.path("id").asText());
    ids.put("answers", answer.path("id").asText());
  }

  @AfterAll
  void theServerIsStillHealthy() {
    Http.Response health = http().get("/inflow/health").send();
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(http().get(API + "/comments/" + ids.get("comments")).bearer(TestTokens.token("ana")).send().status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeOperations")
  void badInputIsAFourHundredNamingTheField(Operation op) {
    Random random = new Random(SEED ^ op.toString().hashCode());
    String path = "/inflow" + fillPath(op.path(), random);
    JsonNode valid = valid(op.schema(), random);
    // Field errors can only be expected to name the bad field when the rest of the body is fine.
    int baseline = http().request(op.method(), path).bearer(root).json(valid.toString()).send().status();
    boolean validBase = baseline < 400;
    List<Case> cases = new ArrayList<>();
    if (op.schema().path("properties").isObject()) {
      for (Iterator<String> it = op.schema().path("properties").fieldNames(); it.hasNext(); ) {
        String field = it.next();
        for (JsonNode wrong : wrongValues(op.schema().path("properties").path(field), random)) {
          ObjectNode body = ((ObjectNode) valid.deepCopy()).set(field, wrong);
          cases.add(new Case("field " + field + " = " + abbreviate(wrong.toString()), body.toString().getBytes(StandardCharsets.UTF_8),
              validBase ? field : null));
        }
      }
    }
    for (Function<Random, byte[]> shape : List.<Function<Random, byte[]>>of(
        r -> "[".repeat(5_000 + r.nextInt(5_000)).getBytes(StandardCharsets.UTF_8),
        r -> ("{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)).getBytes(StandardCharsets.UTF_8),
        r -> ("[" + "1,".repeat(60_000) + "1]").getBytes(StandardCharsets.UTF_8),
        r -> randomBytes(r, 1 + r.nextInt(2_000)),
        r -> new byte[] {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC, '"', '}'},
        r -> ("{\"body\":\"\\uD800\",\"title\":\"\\uDFFF\"}").getBytes(StandardCharsets.UTF_8),
        r -> "{\"body\": NaN, \"x\": 1e999999}".getBytes(StandardCharsets.UTF_8),
        r -> (valid.toString() + "trailing garbage").getBytes(StandardCharsets.UTF_8),
        r -> valid.toString().substring(0, Math.max(1, valid.toString().length() / 2)).getBytes(StandardCharsets.UTF_8),
        r -> "\u0000\u0000\u0000".getBytes(StandardCharsets.UTF_8),
        r -> ("{\"" + "k".repeat(100_000) + "\":1}").getBytes(StandardCharsets.UTF_8))) {
      cases.add(new Case("whole body", shape.apply(random), null));
    }
    for (Case c : cases) {
      check(op, c, http().request(op.method(), path + randomQuery(random)).bearer(root).body("application/json", c.body()).send());
    }
    check(op, new Case("oversized header", valid.toString().getBytes(StandardCharsets.UTF_8), null),
        http().request(op.method(), path).bearer(root).header("X-Fuzz", "x".repeat(20_000)).json(valid.toString()).send());
    check(op, new Case("wrong content type", valid.toString().getBytes(StandardCharsets.UTF_8), null),
        http().request(op.method(), path).bearer(root).body("text/plain; charset=ISO-8859-1", valid.toString().getBytes(StandardCharsets.UTF_8))
            .send());
    check(op, new Case("JSON with another charset", valid.toString().getBytes(StandardCharsets.UTF_16), null),
        http().request(op.method(), path).bearer(root).body("application/json; charset=UTF-16", valid.toString()
            .getBytes(StandardCharsets.UTF_16)).send());
  }

  record Case(String what, byte[] body, String field) {}

  private void check(Operation op, Case c, Http.Response r) {
    String where = op + " with " + c.what() + " (seed " + SEED + "): " + abbreviate(r.toString());
    assertThat(r.status()).as(where).isBetween(200, 499);
    if (r.status() >= 400 && r.status() != 431) {
      assertThat(r.header("Content-Type")).as(where).startsWith("application/problem+json");
      JsonNode problem = r.json();
      assertThat(problem.path("status").asInt()).as(where).isEqualTo(r.status());
      if (r.status() == 400 && c.field() != null) {
        assertThat(problem.path("errors")).as(where).anySatisfy(e -> assertThat(e.path("field").asText()).startsWith(c.field()));
      }
    }
  }

  private String fillPath(String template, Random random) {
    String path = template;
    for (String kind : List.of("comments", "questions", "answers")) {
      path = path.replace("/" + kind + "/{id}", "/" + kind + "/" + ids.get(kind));
    }
    return path.replace("{key}", "fuzz:" + random.nextInt(1000)).replace("{emoji}", "eyes").replace("{kind}", "user")
        .replace("{tag}", "fuzz").replace("{userId}", "root").replace("{id}", String.valueOf(random.nextInt(1_000_000)));
  }

  private static String randomQuery(Random random) {
    String[] names = {"limit", "cursor", "sort", "tag", "status", "q", "since", "format", "all", "x"};
    String[] values = {"-1", "999999999999", "abc", "%00", "%FF%FE", "1e9", "", "null", "%22%3E%3Cscript%3E", "a".repeat(500)};
    StringBuilder q = new StringBuilder();
    for (int i = 0, n = random.nextInt(4); i < n; i++) {
      q.append(i == 0 ? '?' : '&').append(names[random.nextInt(names.length)]).append('=').append(values[random.nextInt(values.length)]);
    }
    return q.toString();
  }

  /** @return a body the schema accepts, as far as types go */
  private static JsonNode valid(JsonNode schema, Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode enumValues = schema.path("enum");
    if (enumValues.isArray() && !enumValues.isEmpty()) {
      return enumValues.get(random.nextInt(enumValues.size()));
    }
    String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("object");
    return switch (type) {
      case "string" -> f.textNode("fuzz" + random.nextInt(1000));
      case "integer", "number" -> f.numberNode(schema.path("minimum").asInt(1));
      case "boolean" -> f.booleanNode(random.nextBoolean());
      case "array" -> f.arrayNode().add(valid(resolve(schema.path("items")), random));
      default -> {
        ObjectNode o = f.objectNode();
        schema.path("properties").fields().forEachRemaining(p -> o.set(p.getKey(), valid(resolve(p.getValue()), random)));
        yield o;
      }
    };
  }

  /** @return values of the wrong type for the property, plus a few that are the right type but absurd */
  private static List<JsonNode> wrongValues(JsonNode property, Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    String type = resolve(property).path("type").isArray() ? resolve(property).path("type").get(0).asText()
        : resolve(property).path("type").asText("object");
    List<JsonNode> values = new ArrayList<>(List.of(f.numberNode(random.nextLong()), f.numberNode(1.5e308), f.arrayNode().add(1),
        f.objectNode().put("$ne", 1), f.booleanNode(true), f.textNode("x".repeat(200_000 / 4))));
    values.removeIf(v -> switch (type) {
      case "string" -> v.isTextual();
      case "integer", "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "array" -> v.isArray();
      default -> v.isObject();
    });
    if (type.equals("array")) {
      values.add(f.arrayNode().add(f.objectNode()).add(f.numberNode(7)));
    }
    return values;
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
