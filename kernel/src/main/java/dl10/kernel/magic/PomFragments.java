package dl10.kernel.magic;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a {@code %%loadFromPOM} cell as a POM file. As in IJava, the body is either a whole
 * {@code <project>} or fragments of one: {@code <dependency>} and {@code <repository>} elements (bare or
 * inside {@code <dependencies>}/{@code <repositories>}), {@code <properties>},
 * {@code <dependencyManagement>} and the like; the missing coordinates and model version are filled in.
 */
final class PomFragments {
    private static final Set<String> COORDINATES = Set.of("modelVersion", "groupId", "artifactId", "version");

    private PomFragments() {
    }

    /** Writes the cell body as a complete POM into a temporary file and returns it. */
    static Path toFile(String body) throws MagicException {
        try {
            Path file = Files.createTempFile("dl10-cell-", ".pom.xml");
            file.toFile().deleteOnExit();
            Files.writeString(file, complete(body));
            return file;
        } catch (IOException e) {
            throw new MagicException("%%loadFromPOM: cannot write a temporary POM: " + e.getMessage());
        }
    }

    /** The body as the text of a complete POM. */
    static String complete(String body) throws MagicException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document wrapped = builder.parse(new InputSource(new StringReader("<cell>" + body.strip() + "</cell>")));
            List<Element> parts = new ArrayList<>();
            NodeList children = wrapped.getDocumentElement().getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element element) {
                    parts.add(element);
                }
            }
            if (parts.isEmpty()) {
                throw new MagicException("%%loadFromPOM: the cell has no POM elements; write <dependency> elements or a whole <project>");
            }
            if (parts.size() == 1 && "project".equals(parts.get(0).getTagName())) {
                return write(parts.get(0));
            }
            Document pom = builder.newDocument();
            Element project = pom.createElement("project");
            pom.appendChild(project);
            Element dependencies = pom.createElement("dependencies");
            Element repositories = pom.createElement("repositories");
            Set<String> given = new java.util.HashSet<>();
            for (Element part : parts) {
                String tag = part.getTagName();
                given.add(tag);
                switch (tag) {
                    case "dependency" -> dependencies.appendChild(pom.importNode(part, true));
                    case "repository" -> repositories.appendChild(pom.importNode(part, true));
                    case "dependencies" -> copyChildren(pom, part, dependencies);
                    case "repositories" -> copyChildren(pom, part, repositories);
                    default -> project.appendChild(pom.importNode(part, true));
                }
            }
            for (String coordinate : COORDINATES) {
                if (!given.contains(coordinate)) {
                    Element element = pom.createElement(coordinate);
                    element.setTextContent(switch (coordinate) {
                        case "modelVersion" -> "4.0.0";
                        case "groupId" -> "notebook";
                        case "artifactId" -> "cell";
                        default -> "1";
                    });
                    project.insertBefore(element, project.getFirstChild());
                }
            }
            project.appendChild(dependencies);
            project.appendChild(repositories);
            return write(project);
        } catch (SAXException e) {
            throw new MagicException("%%loadFromPOM: the cell is not POM XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException | TransformerException e) {
            throw new MagicException("%%loadFromPOM: cannot read the cell as XML: " + e.getMessage());
        }
    }

    private static void copyChildren(Document pom, Element from, Element to) {
        NodeList children = from.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element) {
                to.appendChild(pom.importNode(child, true));
            }
        }
    }

    private static String write(Element root) throws TransformerException {
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
        java.io.StringWriter out = new java.io.StringWriter();
        transformer.transform(new DOMSource(root), new StreamResult(out));
        return out.toString();
    }
}
