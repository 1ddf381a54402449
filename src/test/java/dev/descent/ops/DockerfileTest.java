package dev.descent.ops;

import static dev.descent.ops.Yamls.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read instruction by instruction (there is no Docker engine here to build it):
 * a Maven build stage with a dependency layer, Spring Boot's layers extracted into a Temurin 25
 * JRE, a numeric non-root user, a health check without curl, port 8080, the data volume.
 */
class DockerfileTest {
    /** One instruction: keyword and arguments, continuation lines joined, comments dropped. */
    record Instruction(String keyword, String args) {
        boolean is(String k) {
            return keyword.equals(k);
        }
    }

    static final List<Instruction> ALL = parse(Yamls.read(ROOT.resolve("Dockerfile")));
    static final List<List<Instruction>> STAGES = stages(ALL);
    static final List<Instruction> BUILD = STAGES.get(0);
    static final List<Instruction> RUNTIME = STAGES.get(STAGES.size() - 1);

    @Test
    void buildsWithTheWrapperOnATemurin25JdkWithTheDependenciesInTheirOwnLayer() {
        assertThat(STAGES).hasSizeGreaterThanOrEqualTo(2);
        assertThat(BUILD.get(0).args()).matches("(eclipse-temurin:25-jdk\\S*|maven:\\S*temurin-25\\S*) (?i:as) \\w+");
        int copyPom = indexOf(BUILD, i -> i.is("COPY") && i.args().contains("pom.xml"));
        int copyWrapper = indexOf(BUILD, i -> i.is("COPY") && i.args().contains(".mvn"));
        int goOffline = indexOf(BUILD, i -> i.is("RUN") && i.args().contains("./mvnw") && i.args().contains("dependency:go-offline"));
        int copySources = indexOf(BUILD, i -> i.is("COPY") && i.args().startsWith("src/"));
        int packaging = indexOf(BUILD, i -> i.is("RUN") && i.args().contains("./mvnw") && i.args().contains("package"));
        assertThat(List.of(copyPom, copyWrapper, goOffline, copySources, packaging)).doesNotContain(-1);
        assertThat(copyPom).isLessThan(goOffline);
        assertThat(copyWrapper).isLessThan(goOffline);
        assertThat(goOffline).as("dependencies resolved before the sources arrive").isLessThan(copySources);
        assertThat(copySources).isLessThan(packaging);
        assertThat(BUILD.get(goOffline).args()).contains("--mount=type=cache,target=/root/.m2");
        assertThat(ROOT.resolve("mvnw")).exists();
        assertThat(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties")).exists();
    }

    @Test
    void runsSpringBootsExtractedLayersOnATemurin25Jre() {
        assertThat(RUNTIME.get(0).args()).startsWith("eclipse-temurin:25-jre");
        assertThat(BUILD).anyMatch(i -> i.is("RUN") && i.args().contains("-Djarmode=tools")
                && i.args().contains("extract --layers --destination extracted") && !i.args().contains("--launcher"));
        List<String> copied = RUNTIME.stream().filter(i -> i.is("COPY") && i.args().startsWith("--from=")).map(Instruction::args).toList();
        List<String> layers = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        for (String layer : layers) assertThat(copied).anyMatch(c -> c.contains("/extracted/" + layer + "/"));
        // Least often changed first: the application layer last.
        assertThat(IntStream.range(0, layers.size()).map(k -> indexOf(RUNTIME, i -> i.args().contains("/extracted/" + layers.get(k) + "/"))))
                .isSorted();
        assertThat(last("ENTRYPOINT").args()).contains("\"-jar\", \"app.jar\"");
    }

    /** The ahead-of-time cache is trained after the layers are in place and read by every start. */
    @Test
    void startsFromAnAheadOfTimeCacheTrainedInTheImage() {
        int training = indexOf(RUNTIME, i -> i.is("RUN") && i.args().contains("-XX:AOTCacheOutput=app.aot")
                && i.args().contains("-Dspring.context.exit=onRefresh") && i.args().contains("-jar app.jar"));
        assertThat(training).as("a training run").isNotNegative();
        assertThat(training).isGreaterThan(indexOf(RUNTIME, i -> i.args().contains("/extracted/application/")));
        assertThat(last("ENTRYPOINT").args()).contains("-XX:AOTCache=app.aot");
        // The cache is only used when the module options match.
        assertThat(RUNTIME.get(training).args()).contains("--add-modules=jdk.incubator.vector");
        assertThat(last("ENTRYPOINT").args()).contains("--add-modules=jdk.incubator.vector");
    }

    @Test
    void runsAsANumericNonRootUserWithTheHeapSizedByTheContainer() {
        Instruction user = last("USER");
        assertThat(user.args()).matches("[0-9]+(:[0-9]+)?");
        assertThat(Integer.parseInt(user.args().split(":")[0])).isGreaterThan(0);
        assertThat(indexOf(RUNTIME, i -> i == user)).as("USER after the last RUN").isGreaterThan(lastIndexOf(RUNTIME, "RUN"));
        assertThat(RUNTIME).anyMatch(i -> i.is("ENV") && i.args().contains("-XX:MaxRAMPercentage=75")
                && i.args().contains("-XX:+UseTransparentHugePages"));
        assertThat(RUNTIME).anyMatch(i -> i.is("EXPOSE") && i.args().equals("8080"));
        assertThat(RUNTIME).anyMatch(i -> i.is("ENV") && i.args().contains("DESCENT_DATA_DIR=/data"));
        assertThat(RUNTIME).anyMatch(i -> i.is("VOLUME") && i.args().contains("/data"));
        assertThat(RUNTIME).anyMatch(i -> i.is("RUN") && i.args().contains("chown 10001:10001 /data"));
    }

    @Test
    void theHealthCheckAsksReadinessWithJavaNotCurl() {
        Instruction check = last("HEALTHCHECK");
        assertThat(check.args()).contains("CMD").doesNotContain("curl").doesNotContain("wget");
        assertThat(check.args()).contains("\"java\"").contains("HealthCheck").contains("/opt/healthcheck");
        assertThat(BUILD).anyMatch(i -> i.is("COPY") && i.args().startsWith("deploy/docker/HealthCheck.java"));
        assertThat(BUILD).anyMatch(i -> i.is("RUN") && i.args().startsWith("javac") && i.args().contains("HealthCheck.java"));
        assertThat(RUNTIME).anyMatch(i -> i.is("COPY") && i.args().contains("/opt/healthcheck/"));
        assertThat(Yamls.read(ROOT.resolve("deploy/docker/HealthCheck.java"))).contains("/actuator/health/readiness");
    }

    @Test
    void theBuildContextLeavesOutWhatTheBuildDoesNotNeed() {
        List<String> ignored = Yamls.read(ROOT.resolve(".dockerignore")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains(".git", "target/", "data/", "helm/");
        assertThat(ignored).doesNotContain("src/", "pom.xml", "mvnw", ".mvn/", "deploy/", "deploy/docker/");
    }

    static List<Instruction> parse(String dockerfile) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : dockerfile.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) continue;
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String text = current.toString().strip().replaceAll("\\s+", " ");
                int space = text.indexOf(' ');
                out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1)));
                current.setLength(0);
            }
        }
        return out;
    }

    static List<List<Instruction>> stages(List<Instruction> all) {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction i : all) {
            if (i.is("FROM")) stages.add(new ArrayList<>());
            if (!stages.isEmpty()) stages.get(stages.size() - 1).add(i);
        }
        return stages;
    }

    static Instruction last(String keyword) {
        return RUNTIME.stream().filter(i -> i.is(keyword)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + keyword + " in the final stage"));
    }

    static int indexOf(List<Instruction> stage, java.util.function.Predicate<Instruction> p) {
        return IntStream.range(0, stage.size()).filter(k -> p.test(stage.get(k))).findFirst().orElse(-1);
    }

    static int lastIndexOf(List<Instruction> stage, String keyword) {
        return IntStream.range(0, stage.size()).filter(k -> stage.get(k).is(keyword)).reduce((a, b) -> b).orElse(-1);
    }
}
