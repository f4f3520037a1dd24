package dev.inflow.examples.intranet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of the intranet that people discuss: a policy, an order, a course. Each names the Inflow
 * target its comments belong to, the way a real host would name its business objects.
 *
 * @param path where the page lives in the portal, e.g. {@code /orders/4711}
 * @param targetKey the Inflow target, e.g. {@code order:4711}
 * @param title the page (and target) title
 * @param section the part of the intranet it belongs to, shown above the title
 * @param summary one line for the home page
 * @param contentHtml the page's own content, trusted HTML written by the demo
 */
record BusinessPage(String path, String targetKey, String title, String section, String summary, String contentHtml) {
  BusinessPage {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(targetKey, "targetKey");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(contentHtml, "contentHtml");
  }

  static final String TRAVEL_POLICY = "kb/travel-policy";
  static final String VPN_SETUP = "kb/vpn-setup";
  static final String ORDER_4711 = "order:4711";
  static final String JAVA_101 = "course:java-101";

  /** Every business page of the demo, in the order of the home page. */
  static final List<BusinessPage> ALL = List.of(
      page("/policies/travel", TRAVEL_POLICY, "Travel policy", "Policies",
          "Booking, hotel caps, per diem and expense claims.", "travel-policy.html"),
      page("/kb/vpn-setup", VPN_SETUP, "Connecting to the VPN", "IT knowledge base",
          "Install Secure Connect and fix dropped connections.", "vpn-setup.html"),
      page("/orders/4711", ORDER_4711, "Order 4711 – Brightwater Clinics", "Sales orders",
          "Medical supplies, partially shipped; one item on backorder.", "order-4711.html"),
      page("/courses/java-101", JAVA_101, "Java 101: modern Java for developers", "Learning",
          "Four half-days from toolchain to records, with exercises.", "java-101.html"));

  /** @return the tags a question asked on this page starts with, so that it reaches the page's experts */
  String askTags() {
    return switch (targetKey) {
      case TRAVEL_POLICY -> "travel";
      case VPN_SETUP -> "vpn";
      case ORDER_4711 -> "orders";
      case JAVA_101 -> "java";
      default -> "";
    };
  }

  /** @return the page at this path, if the portal has one */
  static Optional<BusinessPage> at(String path) {
    return ALL.stream().filter(p -> p.path.equals(path)).findFirst();
  }

  private static BusinessPage page(String path, String key, String title, String section, String summary, String resource) {
    try (InputStream in = BusinessPage.class.getResourceAsStream("pages/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("the demo jar lacks pages/" + resource);
      }
      return new BusinessPage(path, key, title, section, summary, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pages/" + resource, e);
    }
  }
}
