package tracker.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native build's inputs, as the sources-only build in verify leaves them (pom: execution native-sources): what
 * native-image would be given on a machine with GraalVM. No GraalVM is needed to check that our configuration is in.
 */
class NativeSourcesIT {

    static final Path SOURCES = Path.of("target/native-check/native-sources");
    static final ObjectMapper JSON = new ObjectMapper();
    static List<String> args;
    static Path runner;

    @BeforeAll
    static void sources() throws IOException {
        boolean present = Files.isRegularFile(SOURCES.resolve("native-image.args"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(SOURCES + " is missing: the native-sources execution did not run");
        }
        assumeTrue(present, SOURCES + " is missing (built by ./mvnw verify unless -Dnative-sources.skip)");
        args = Arrays.asList(Files.readString(SOURCES.resolve("native-image.args")).trim().split("\\s+"));
        try (Stream<Path> files = Files.list(SOURCES)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst().orElseThrow();
        }
    }

    @Test
    void classesThatLoadNativeLibrariesAreInitialisedAtRunTime() {
        assertTrue(args.contains("--initialize-at-run-time=ai.onnxruntime"), args.toString());
        assertTrue(args.contains("--initialize-at-run-time=org.bytedeco"), args.toString());
        assertTrue(args.contains("-jar") && args.contains(runner.getFileName().toString()), args.toString());
        assertTrue(args.contains("--no-fallback"), "a JVM fallback image would hide a broken native build");
    }

    @Test
    void modelsAndOnnxRuntimeLibrariesAreImageResources() throws IOException {
        JsonNode includes = entry(runner, "META-INF/native-image/resource-config.json").path("resources").path("includes");
        List<String> patterns = new ArrayList<>();
        includes.forEach(p -> patterns.add(p.path("pattern").asText()));
        assertTrue(patterns.contains("models/.*"), patterns.toString());
        assertTrue(patterns.contains("ai/onnxruntime/native/linux-x64/.*"), patterns.toString());
        for (String resource : List.of("models/nanodet.onnx", "models/movenet-lightning.onnx", "models/coco.names")) {
            assertTrue(patterns.stream().anyMatch(resource::matches), resource);
        }
        Path ort = single(SOURCES.resolve("lib"), "com.microsoft.onnxruntime.onnxruntime-", ".jar");
        try (JarFile jar = new JarFile(ort.toFile())) {
            for (String library : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
                String name = "ai/onnxruntime/native/linux-x64/" + library;
                assertTrue(jar.getEntry(name) != null && name.matches("ai/onnxruntime/native/linux-x64/.*"), name);
            }
        }
    }

    @Test
    void onnxRuntimeJniCallbacksAreRegistered() throws IOException {
        JsonNode jni = entry(runner, "META-INF/native-image/tracker/tracker/jni-config.json");
        List<String> names = new ArrayList<>();
        jni.forEach(c -> names.add(c.path("name").asText()));
        for (String type : List.of("ai.onnxruntime.OnnxTensor", "ai.onnxruntime.TensorInfo", "ai.onnxruntime.NodeInfo",
                "ai.onnxruntime.OrtException", "tracker.decode.SpoolInput$ReadCallback", "tracker.decode.SpoolInput$SeekCallback")) {
            assertTrue(names.contains(type), type + " in " + names);
        }
    }

    @Test
    void javaCppShipsItsOwnConfigurationForEveryFfmpegLibraryWeLoad() throws IOException {
        Path lib = SOURCES.resolve("lib");
        Path ffmpeg = single(lib, "org.bytedeco.ffmpeg-", "-linux-x86_64.jar");
        Path javacpp = single(lib, "org.bytedeco.javacpp-", "-linux-x86_64.jar");
        for (String library : List.of("jniavutil", "jniavcodec", "jniavformat", "jniswscale", "jniswresample")) {
            assertFalse(entry(ffmpeg, "META-INF/native-image/linux-x86_64/" + library + "/jni-config.json").isEmpty(), library);
            assertFalse(entry(ffmpeg, "META-INF/native-image/linux-x86_64/" + library + "/resource-config.json").isEmpty(), library);
        }
        assertFalse(entry(javacpp, "META-INF/native-image/linux-x86_64/jnijavacpp/jni-config.json").isEmpty());
    }

    @Test
    void jsonWrittenByTheRawRoutesIsRegisteredForReflection() throws IOException {
        List<String> names = new ArrayList<>();
        entry(runner, "META-INF/native-image/reflect-config.json").forEach(c -> names.add(c.path("name").asText()));
        for (String type : List.of("tracker.ingest.ChunkReceipt", "tracker.progress.Progress", "tracker.progress.Complete",
                "tracker.progress.Failure", "tracker.api.SessionView")) {
            assertTrue(names.contains(type), type);
        }
    }

    private static Path single(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), prefix + "*" + suffix + " in " + dir);
            return found.get(0);
        }
    }

    private static JsonNode entry(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getEntry(name);
            assertTrue(entry != null, name + " in " + jar.getFileName());
            try (InputStream in = file.getInputStream(entry)) {
                return JSON.readTree(in);
            }
        }
    }
}
