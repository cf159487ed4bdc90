package io.trainstream.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command's log4j2.xml parses (a malformed one makes log4j print a stack trace at start) and routes training chatter to stderr. */
class LoggingConfigTest {

    @Test
    void theConfigurationParsesAndSendsProgressToItsOwnPlainStderrAppender() throws Exception {
        Document config;
        try (InputStream in = getClass().getResourceAsStream("/log4j2.xml")) {
            config = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }

        Element progress = byName(config.getElementsByTagName("Logger"), "trainstream.progress");
        assertThat(progress.getAttribute("additivity")).isEqualTo("false");
        String appender = ((Element) progress.getElementsByTagName("AppenderRef").item(0)).getAttribute("ref");
        Element console = byName(config.getElementsByTagName("Console"), appender);
        assertThat(console.getAttribute("target")).isEqualTo("SYSTEM_ERR");
        NodeList layouts = config.getElementsByTagName("PatternLayout");
        for (int i = 0; i < layouts.getLength(); i++) {
            Element layout = (Element) layouts.item(i);
            assertThat(layout.getAttribute("disableAnsi")).isEqualTo("true");
            assertThat(layout.getAttribute("pattern")).doesNotContain("%highlight", "%style");
        }
    }

    private static Element byName(NodeList nodes, String name) {
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (name.equals(element.getAttribute("name"))) {
                return element;
            }
        }
        throw new AssertionError("no element named " + name);
    }
}
