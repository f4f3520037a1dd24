package dev.inflow.core.internal.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Renders the Markdown people write into HTML that is safe to insert into any page: raw HTML in the
 * input is shown as text, only http, https and mailto links survive, every link gets
 * {@code rel="nofollow ugc noopener"}, images become links (no tracking pixels in an intranet), and
 * the result passes an allow-list sanitizer as a second, independent line of defence.
 *
 * <p>{@code @id} mentions of known users become {@code <span class="mention" data-user="id">}.
 * Thread-safe.
 */
public final class Markdown {
  /** The most mentions one text may resolve; more are left as plain text. */
  public static final int MAX_MENTIONS = 20;
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.@+-])@([\\p{L}\\p{N}][\\p{L}\\p{N}._@+:-]{0,127})");
  private static final List<Extension> EXTENSIONS = List.of(
      AutolinkExtension.create(), TablesExtension.create(), StrikethroughExtension.create());

  private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
      .allowElements("p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
          "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "a", "span")
      .allowAttributes("href").onElements("a")
      .allowUrlProtocols("http", "https", "mailto")
      .requireRelsOnLinks("nofollow", "ugc", "noopener")
      .allowAttributes("class").matching(Pattern.compile("mention")).onElements("span")
      .allowAttributes("data-user").matching(Pattern.compile("[\\p{L}\\p{N}._@+:-]{1,128}")).onElements("span")
      .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+#-]{1,30}")).onElements("code")
      .allowAttributes("align").matching(true, "left", "center", "right").onElements("th", "td")
      .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
      .toFactory();

  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer renderer = HtmlRenderer.builder()
      .extensions(EXTENSIONS)
      .escapeHtml(true)
      .softbreak("<br />\n")
      .nodeRendererFactory(SafeLinks::new)
      .nodeRendererFactory(MentionRenderer::new)
      .build();

  /**
   * The HTML of a text and the users it mentions.
   *
   * @param html sanitised HTML
   * @param mentions ids of mentioned users, in order of first mention, unmodifiable
   */
  public record Rendered(String html, List<String> mentions) {
    public Rendered {
      mentions = List.copyOf(mentions);
    }
  }

  /**
   * @param markdown the cleaned text; never null
   * @param resolveMentions given candidate ids, returns those that name existing users (with their
   *     canonical id); called once per render
   */
  public Rendered render(String markdown, Function<Collection<String>, Map<String, String>> resolveMentions) {
    Node document = parser.parse(markdown);
    Set<String> candidates = new LinkedHashSet<>();
    document.accept(new MentionFinder(candidates));
    Map<String, String> known = candidates.isEmpty() ? Map.of() : resolveMentions.apply(limit(candidates));
    List<String> mentioned = new ArrayList<>();
    if (!known.isEmpty()) {
      document.accept(new MentionLinker(known, mentioned));
    }
    return new Rendered(POLICY.sanitize(renderer.render(document)), mentioned.stream().distinct().toList());
  }

  /** @return the text rendered with no mention resolution, e.g. for activity texts */
  public String renderPlain(String markdown) {
    return render(markdown, ids -> Map.of()).html();
  }

  private static Collection<String> limit(Set<String> candidates) {
    return candidates.stream().limit(MAX_MENTIONS).toList();
  }

  private static String trimTrailingPunctuation(String id) {
    int end = id.length();
    while (end > 1 && ".:-".indexOf(id.charAt(end - 1)) >= 0) {
      end--;
    }
    return id.substring(0, end);
  }

  private static boolean insideLink(Node node) {
    for (Node n = node.getParent(); n != null; n = n.getParent()) {
      if (n instanceof Link) {
        return true;
      }
    }
    return false;
  }

  private static final class MentionFinder extends AbstractVisitor {
    private final Set<String> candidates;

    MentionFinder(Set<String> candidates) {
      this.candidates = candidates;
    }

    @Override
    public void visit(Text text) {
      if (insideLink(text)) {
        return;
      }
      Matcher m = MENTION.matcher(text.getLiteral());
      while (m.find()) {
        candidates.add(trimTrailingPunctuation(m.group(1)));
      }
    }
  }

  /** Splits text nodes around known mentions, replacing each with a {@link Mention} node. */
  private static final class MentionLinker extends AbstractVisitor {
    private final Map<String, String> known;
    private final List<String> mentioned;

    MentionLinker(Map<String, String> known, List<String> mentioned) {
      this.known = known;
      this.mentioned = mentioned;
    }

    @Override
    public void visit(Text text) {
      if (insideLink(text)) {
        return;
      }
      String literal = text.getLiteral();
      Matcher m = MENTION.matcher(literal);
      int last = 0;
      Node cursor = text;
      boolean changed = false;
      while (m.find()) {
        String raw = m.group(1);
        String id = trimTrailingPunctuation(raw);
        String canonical = known.get(id);
        if (canonical == null) {
          continue;
        }
        int start = m.start();
        int end = m.start(1) + id.length();
        if (start > last) {
          cursor = insertAfter(cursor, new Text(literal.substring(last, start)));
        }
        cursor = insertAfter(cursor, new Mention(canonical, literal.substring(start, end)));
        mentioned.add(canonical);
        last = end;
        changed = true;
      }
      if (changed) {
        if (last < literal.length()) {
          insertAfter(cursor, new Text(literal.substring(last)));
        }
        text.unlink();
      }
    }

    private static Node insertAfter(Node anchor, Node node) {
      anchor.insertAfter(node);
      return node;
    }
  }

  private static final class Mention extends CustomNode {
    final String userId;
    final String shown;

    Mention(String userId, String shown) {
      this.userId = userId;
      this.shown = shown;
    }
  }

  private static final class MentionRenderer implements NodeRenderer {
    private final HtmlWriter html;

    MentionRenderer(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Mention.class);
    }

    @Override
    public void render(Node node) {
      Mention mention = (Mention) node;
      Map<String, String> attributes = new java.util.LinkedHashMap<>();
      attributes.put("class", "mention");
      attributes.put("data-user", mention.userId);
      html.tag("span", attributes);
      html.text(mention.shown);
      html.tag("/span");
    }
  }

  /**
   * Renders links only when they point to an absolute http, https or mailto address (anything else,
   * relative links included, is shown as its text), and {@code ![alt](src)} as a link to the picture,
   * so no remote image loads by itself.
   */
  private static final class SafeLinks implements NodeRenderer {
    private static final Pattern ALLOWED = Pattern.compile("(?i)(https?://|mailto:)[^\\s]+");
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    SafeLinks(HtmlNodeRendererContext context) {
      this.context = context;
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(Link.class, Image.class);
    }

    @Override
    public void render(Node node) {
      String destination = node instanceof Link link ? link.getDestination() : ((Image) node).getDestination();
      boolean allowed = destination != null && ALLOWED.matcher(destination.strip()).matches();
      if (allowed) {
        html.tag("a", Map.of("href", context.encodeUrl(destination.strip())));
      }
      Node child = node.getFirstChild();
      if (child == null && allowed) {
        html.text(destination.strip());
      }
      while (child != null) {
        Node next = child.getNext();
        context.render(child);
        child = next;
      }
      if (allowed) {
        html.tag("/a");
      }
    }
  }
}
