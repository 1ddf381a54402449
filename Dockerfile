# syntax=docker/dockerfile:1
#
# Descent as a container image: docker build -t descent .
#
# Stage 1 builds the jar with the committed Maven wrapper on a Temurin 25 JDK. The wrapper and the
# POM are copied first so the dependency download is a layer of its own, rebuilt only when
# pom.xml changes; a cache mount keeps ~/.m2 across builds as well.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -q -DskipTests package \
 && cp target/descent-*.jar app.jar \
 && java -Djarmode=tools -jar app.jar extract --layers --destination extracted
# The JRE has no curl or wget: the health check is a small Java class, compiled here.
COPY deploy/docker/HealthCheck.java healthcheck/
RUN javac --release 17 -d healthcheck healthcheck/HealthCheck.java && rm healthcheck/HealthCheck.java

# Stage 2 runs the extracted layers (app.jar and lib/), least often changed first, so a code change
# ships only the small application layer.
FROM eclipse-temurin:25-jre
WORKDIR /opt/descent
RUN groupadd --system --gid 10001 descent \
 && useradd --system --uid 10001 --gid 10001 --home-dir /opt/descent --no-create-home descent \
 && mkdir -p /data && chown 10001:10001 /data
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
COPY --from=build /build/healthcheck/ /opt/healthcheck/
# Start-up: a training run (the context starts, then exits) records the classes the service loads,
# linked, in an ahead-of-time cache (JDK 25) that every start then reads; measured here, ready in
# about 3.3 s instead of 5-7 s (docs/benchmarks.md). The module options must match the ENTRYPOINT's.
# It also checks the runtime: were jdk.incubator.vector missing from this JRE, java would stop with
# "Module jdk.incubator.vector not found" (exit 1) and the build would fail here.
RUN java --add-modules=jdk.incubator.vector -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh \
        -jar app.jar --server.port=0 --descent.data-dir=/tmp/aot-training \
 && rm -rf /tmp/aot-training

# The heap follows the container's memory limit, on transparent huge pages where the host allows
# them (madvise or always): fewer TLB misses make a small job about 10 % and the large dense
# kernels up to 18 % cheaper (docs/benchmarks.md). Where the host does not, every JVM started with
# these options (the health check's too) prints a warning and uses normal pages.
# Override JAVA_TOOL_OPTIONS to change either.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseTransparentHugePages" \
    DESCENT_DATA_DIR=/data \
    SERVER_PORT=8080
# Jobs and uploaded datasets (the embedded store) live in descent.data-dir.
VOLUME ["/data"]
EXPOSE 8080
USER 10001:10001

# Ready means the readiness group is UP; its own small heap, so the check stays cheap.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-Xmx24m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", "/opt/healthcheck", "HealthCheck"]

# The data kernels use the Vector API, an incubator module the JVM resolves only when asked
# (without it they fall back to scalar code; see dev.descent.linalg.Kernels).
ENTRYPOINT ["java", "--add-modules=jdk.incubator.vector", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
