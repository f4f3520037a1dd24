package dev.inflow.servlet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.inflow.core.Inflow;
import dev.inflow.core.testing.TestDatabase;
import dev.inflow.servlet.InflowServlet;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served at /inflow/api/openapi.json says exactly what the servlet answers. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
    JsonNode document = document();
    Set<String> documented = new TreeSet<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
      if (METHODS.contains(method)) {
        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }));
    Set<String> served = new TreeSet<>();
    try (Inflow inflow = TestDatabase.inflow().build()) {
      InflowServlet.builder(inflow).build().routes().forEach(r -> served.add(r.method() + " " + r.openApiPath()));
    }

    assertThat(documented).as("documented routes").containsExactlyElementsOf(served);
  }

  @Test
  void everyReferenceResolvesAndEveryOperationHasAnId() throws Exception {
    JsonNode document = document();
    assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    Set<String> operationIds = new TreeSet<>();
    document.path("paths").forEach(path -> path.fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        assertThat(op.getValue().path("operationId").asText()).as(op.getKey()).isNotBlank();
        assertThat(operationIds.add(op.getValue().path("operationId").asText())).as("unique operationId").isTrue();
      }
    }));
  }

  private static JsonNode document() throws Exception {
    try (InputStream in = InflowServlet.class.getResourceAsStream("/dev/inflow/servlet/openapi.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref")) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
