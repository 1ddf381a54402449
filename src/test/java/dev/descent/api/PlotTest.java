package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Plots are well-formed SVG with the expected structure: axes, ticks, one line per series, the path. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlotTest {
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    static Document svg(Api.Response r) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("image/svg+xml");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        return doc;
    }

    static List<Element> byClass(Document doc, String tag, String cssClass) {
        NodeList all = doc.getElementsByTagNameNS("*", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (cssClass.equals(e.getAttribute("class"))) out.add(e);
        }
        return out;
    }

    @Test
    void lossPlotHasAxesTicksTitleAndOneLineThroughEveryPointOnALogScale() throws Exception {
        String id = api.submit("""
                {"name": "adam on rosenbrock", "problem": {"type": "function", "name": "rosenbrock"},
                 "optimizer": {"type": "lbfgs"}, "stopping": {"gradientTolerance": 1e-10}}""");
        api.awaitFinished(id);
        int total = api.get("/api/v1/jobs/" + id + "/trajectory").json().get("total").asInt();
        Document doc = svg(api.get("/api/v1/jobs/" + id + "/plot.svg?kind=loss"));
        List<Element> lines = byClass(doc, "path", "series");
        assertThat(lines).hasSize(1);
        assertThat(Integer.parseInt(lines.get(0).getAttribute("data-points"))).isEqualTo(total);
        assertThat(byClass(doc, "text", "tick").size()).isGreaterThanOrEqualTo(6);
        assertThat(byClass(doc, "text", "title").get(0).getTextContent()).isEqualTo("adam on rosenbrock");
        List<String> labels = byClass(doc, "text", "label").stream().map(Element::getTextContent).toList();
        assertThat(labels).containsExactly("iteration", "loss (log scale)");
        Document gradient = svg(api.get("/api/v1/jobs/" + id + "/plot.svg?kind=gradient-norm&maxPoints=10"));
        assertThat(Integer.parseInt(byClass(gradient, "path", "series").get(0).getAttribute("data-points")))
                .isLessThanOrEqualTo(10);
    }

    @Test
    void contourPlotDrawsLevelSetsAndTheRecordedPath() throws Exception {
        String id = api.submit("""
                {"problem": {"type": "function", "name": "rosenbrock"}, "optimizer": {"type": "momentum", "learningRate": 0.001},
                 "stopping": {"maxIterations": 300}, "recording": {"includePoint": true}}""");
        api.awaitFinished(id);
        Document doc = svg(api.get("/api/v1/jobs/" + id + "/plot.svg?kind=contour"));
        assertThat(byClass(doc, "path", "contour").size()).isGreaterThanOrEqualTo(8);
        List<Element> path = byClass(doc, "path", "path");
        assertThat(path).hasSize(1);
        assertThat(Integer.parseInt(path.get(0).getAttribute("data-points"))).isEqualTo(301);
        assertThat(byClass(doc, "circle", "start")).hasSize(1);
        assertThat(byClass(doc, "circle", "end")).hasSize(1);
    }

    @Test
    void contourNeedsTwoVariablesAndKindMustBeKnown() {
        String id = api.submit("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\", \"dimension\": 3}}");
        api.awaitFinished(id);
        Api.Response contour = api.get("/api/v1/jobs/" + id + "/plot.svg?kind=contour");
        assertThat(contour.status()).isEqualTo(400);
        assertThat(contour.body()).contains("kind");
        assertThat(api.get("/api/v1/jobs/" + id + "/plot.svg?kind=pie").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/jobs/nope/plot.svg").status()).isEqualTo(404);
    }
}
