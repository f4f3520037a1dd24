package dev.inflow.core.transfer.internal;

import dev.inflow.core.InvalidInputException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An XML file read into a small tree of elements (local name, namespace, attributes, text). Export
 * files are a few megabytes at most, and walking a tree keeps the readers short. DTDs and external
 * entities are refused, so a hostile file cannot read local files or expand without end.
 */
final class XmlTree {
  /** One element. Attributes are keyed by local name. */
  record Element(String namespace, String name, Map<String, String> attributes, List<Element> children, String text) {
    /** @return the first child with this local name */
    Optional<Element> child(String localName) {
      return children.stream().filter(c -> c.name().equals(localName)).findFirst();
    }

    /** @return the children with this local name */
    List<Element> all(String localName) {
      return children.stream().filter(c -> c.name().equals(localName)).toList();
    }

    /** @return the trimmed text of the first child with this name, empty when absent or blank */
    Optional<String> text(String localName) {
      return child(localName).map(Element::text).map(String::strip).filter(s -> !s.isEmpty());
    }
  }

  private XmlTree() {}

  /**
   * @param what the kind of file expected, for errors ("a Disqus export")
   * @throws InvalidInputException with field {@code file} when it is not well-formed XML
   */
  static Element read(InputStream in, String what) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(in);
      try {
        while (reader.hasNext()) {
          if (reader.next() == XMLStreamConstants.START_ELEMENT) {
            return element(reader);
          }
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ")";
      throw new InvalidInputException("file", "this is not " + what + ": the XML is not well-formed" + where + ": "
          + e.getMessage().replaceAll("\\s+", " "));
    }
    throw new InvalidInputException("file", "this is not " + what + ": the file holds no XML element");
  }

  private static Element element(XMLStreamReader reader) throws XMLStreamException {
    String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
    String name = reader.getLocalName();
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
    }
    List<Element> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (reader.hasNext()) {
      int event = reader.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> children.add(element(reader));
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(reader.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          return new Element(namespace, name, attributes, children, text.toString());
        }
        default -> {
          // comments and processing instructions carry nothing an import needs
        }
      }
    }
    throw new XMLStreamException("the file ends inside <" + name + ">");
  }
}
