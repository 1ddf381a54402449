package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The built-in page in a real headless Chromium (Debian's package; installed by this test with
 * apt-get when missing): it loads a job's history and live stream and draws the loss chart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebPageTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @LocalServerPort
    int port;
    @TempDir
    Path temp;

    @BeforeAll
    static void installChromium() throws Exception {
        if (Files.isExecutable(CHROMIUM)) return;
        Process p = new ProcessBuilder("apt-get", "install", "-y", "-q", "chromium").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(CHROMIUM)) {
            fail("headless Chromium is needed for this test: apt-get install -y chromium failed");
        }
    }

    String chromium(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(temp, "profile"),
                "--virtual-time-budget=15000", "--window-size=1400,900"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void pageListsJobsAndDrawsTheLossChartOfTheSelectedJob() throws Exception {
        Api api = new Api(port);
        String id = api.submit("""
                {"name": "page check", "problem": {"type": "function", "name": "rosenbrock"},
                 "optimizer": {"type": "adam", "learningRate": 0.02}, "stopping": {"maxIterations": 800}}""");
        api.awaitFinished(id);
        String url = "http://localhost:" + port + "/?job=" + id;

        String dom = chromium("--dump-dom", url);
        Matcher drawn = Pattern.compile("data-chart-points=\"(\\d+)\"").matcher(dom);
        assertThat(drawn.find()).as("the page recorded how many points it drew").isTrue();
        assertThat(Integer.parseInt(drawn.group(1))).isGreaterThanOrEqualTo(500);
        assertThat(dom).contains("page check").contains("SUCCEEDED").contains("/plot.svg?kind=contour");

        Path png = temp.resolve("page.png");
        chromium("--screenshot=" + png, url);
        BufferedImage image = ImageIO.read(png.toFile());
        int line = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y), r = rgb >> 16 & 255, g = rgb >> 8 & 255, b = rgb & 255;
                if (Math.abs(r - 31) < 20 && Math.abs(g - 119) < 20 && Math.abs(b - 180) < 20) line++;
            }
        }
        assertThat(line).as("pixels of the loss line in the screenshot").isGreaterThan(300);
    }
}
