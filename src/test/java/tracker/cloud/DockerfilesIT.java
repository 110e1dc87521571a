package tracker.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles' references checked against the build output and the repository, because no Docker engine is
 * reachable where this project is built: every copied path exists and reaches the build context, the image runs
 * the jar that was copied, listens where it exposes and where its health command asks, and not as root.
 * An IT because the JVM image copies target/quarkus-app, which the package phase makes.
 */
class DockerfilesIT {

    static final Path DOCKER = Path.of("src/main/docker");
    static final Path APP = Path.of("target/quarkus-app");
    static final Pattern HEALTH = Pattern.compile("curl [^|]*http://localhost:(\\d+)(/q/health/\\w+)");

    @Test
    void jvmImageCopiesThePackagedAppWholeAndRunsItsJar() throws IOException {
        Dockerfile docker = Dockerfile.read(DOCKER.resolve("Dockerfile.jvm"));
        assertTrue(Files.isDirectory(APP), APP + " is made by ./mvnw package");
        List<Path> copied = new ArrayList<>();
        for (Dockerfile.Instruction copy : docker.all("COPY")) {
            List<String> words = copy.words();
            for (String source : words.subList(0, words.size() - 1)) {
                List<Path> matches = glob(source);
                assertFalse(matches.isEmpty(), "COPY " + source + " matches nothing in the build output");
                for (Path match : matches) {
                    assertTrue(docker.sendsToContext(match.toString().replace('\\', '/')),
                            match + " is left out of the build context by Dockerfile.jvm.dockerignore");
                }
                copied.addAll(matches);
            }
        }
        try (Stream<Path> entries = Files.list(APP)) {
            for (Path entry : entries.toList()) {
                // The listing of dependencies is for people; the launcher does not read it.
                if (!entry.getFileName().toString().endsWith(".txt")) {
                    assertTrue(copied.contains(entry), entry + " is in the packaged app but not copied into the image");
                }
            }
        }
        String jar = docker.env("JAVA_APP_JAR");
        assertEquals("/deployments/quarkus-run.jar", jar);
        assertTrue(copied.contains(APP.resolve("quarkus-run.jar")), "the image's JAVA_APP_JAR " + jar + " is copied");
        assertListensWhereItSays(docker);
    }

    @Test
    void nativeImageBuildsFromEverythingTheBuildReads() throws IOException {
        Dockerfile docker = Dockerfile.read(DOCKER.resolve("Dockerfile.native"));
        List<String> sources = new ArrayList<>();
        for (Dockerfile.Instruction copy : docker.all("COPY")) {
            if (copy.hasFlag("--from=")) {
                continue;
            }
            List<String> words = copy.words();
            for (String source : words.subList(0, words.size() - 1)) {
                assertTrue(Files.exists(Path.of(source)), "COPY " + source + " is not in the repository");
                assertTrue(docker.sendsToContext(source), source + " is left out by Dockerfile.native.dockerignore");
                sources.add(source.replaceAll("/+$", ""));
            }
        }
        // What the Maven build reads: the wrapper, the POM, the main sources and the web UI (Quinoa's ui-dir).
        String ui = properties().getProperty("quarkus.quinoa.ui-dir");
        for (String needed : List.of("mvnw", ".mvn", "pom.xml", "src", ui)) {
            assertTrue(sources.contains(needed), needed + " is copied into the build stage");
        }
        assertTrue(docker.sendsToContext("src/main/resources/application.properties"));
        assertTrue(docker.sendsToContext(ui + "/package-lock.json"));
        assertFalse(docker.sendsToContext(ui + "/node_modules/react/package.json"), "a local node_modules stays out");

        // The runtime stage copies the runner the native build names after the artifact, and runs it.
        Dockerfile runtime = docker.finalStage();
        String runner = runtime.last("COPY").words().get(0);
        String artifact = "/code/target/" + pom("artifactId") + "-" + pom("version") + "-runner";
        assertTrue(FileSystems.getDefault().getPathMatcher("glob:" + runner).matches(Path.of(artifact)),
                runner + " matches " + artifact);
        String target = runtime.last("COPY").words().get(1);
        String entrypoint = runtime.last("ENTRYPOINT").arguments();
        String workdir = runtime.last("WORKDIR").words().get(0);
        String program = entrypoint.replaceAll("^\\[\\s*\"([^\"]+)\".*$", "$1");
        assertEquals(Path.of(target).normalize(), Path.of(workdir).resolve(program).normalize(),
                "ENTRYPOINT " + entrypoint + " runs the copied " + target);
        assertListensWhereItSays(runtime);
    }

    /** EXPOSE, the health command and the application's HTTP port agree, and the image does not run as root. */
    private static void assertListensWhereItSays(Dockerfile docker) throws IOException {
        String port = properties().getProperty("quarkus.http.port", "8080"); // Quarkus' default
        assertEquals(port, docker.last("EXPOSE").words().get(0), "EXPOSE is quarkus.http.port");
        Matcher health = HEALTH.matcher(docker.last("HEALTHCHECK").arguments());
        assertTrue(health.find(), "HEALTHCHECK asks a health endpoint with curl: " + docker.last("HEALTHCHECK"));
        assertEquals(port, health.group(1), "the health command's port");
        assertEquals("/q/health/ready", health.group(2));
        boolean curlInstalled = docker.finalStage().all("RUN").stream()
                .anyMatch(run -> run.arguments().contains("microdnf install") && run.arguments().contains("curl"));
        assertTrue(curlInstalled, "the runtime stage installs curl for the health command");
        String user = docker.last("USER").words().get(0);
        assertNotEquals("root", user);
        assertNotEquals("0", user.replaceAll(":.*", ""));
    }

    private static List<Path> glob(String source) throws IOException {
        Path pattern = Path.of(source.replaceAll("/+$", ""));
        if (!source.contains("*")) {
            return Files.exists(pattern) ? List.of(pattern) : List.of();
        }
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> entries = Files.list(pattern.getParent())) {
            return entries.filter(matcher::matches).toList();
        }
    }

    private static Properties properties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** A top-level element of pom.xml (the project's own, which come before any nested one of that name). */
    private static String pom(String element) throws IOException {
        Matcher m = Pattern.compile("<" + element + ">([^<]+)</" + element + ">").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), element + " in pom.xml");
        return m.group(1).strip();
    }
}
