package tracker.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, so its memory can be read
 * from {@code /proc/PID/status} the way an operator sees it. The {@code bench} profile turns on the memory endpoint.
 */
final class Service implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final URI base;
    private final Path log;

    private Service(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts the service with {@code properties} as system properties and waits until it answers. */
    static Service start(String name, Path work, Map<String, String> properties) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: package the service first (./mvnw package)");
        }
        int port = freePort();
        Path sessions = work.resolve("sessions-" + name);
        Path log = work.resolve("service-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.profile=bench", "-Dquarkus.http.port=" + port,
                "-Dtracker.sessions.dir=" + sessions.toAbsolutePath()));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        // To measure a setting: BENCH_SERVICE_OPTS="-Dtracker.analysis.intra-op-threads=2" ./mvnw -Pbench verify
        String extra = System.getenv("BENCH_SERVICE_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Service service = new Service(process, URI.create("http://localhost:" + port), log);
        service.awaitReady();
        return service;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    long pid() {
        return process.pid();
    }

    /** A memory field of /proc/PID/status in bytes: VmRSS (now), VmHWM (the peak since start). */
    long memory(String field) throws IOException {
        return status(field) * 1024;
    }

    /**
     * Resident bytes outside the Java heap: everything native (FFmpeg, ONNX Runtime, malloc, JIT code, metaspace,
     * thread stacks, libraries), from /proc/PID/smaps. The heap is one reservation of {@code heapMax} bytes, whose
     * unused top is the largest mapping; every mapping inside it counts as heap.
     */
    long rssOutsideHeap(long heapMax) throws IOException {
        List<long[]> maps = new ArrayList<>(); // start, end, rss (kB)
        long[] current = null;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "smaps"))) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                current = new long[] {Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), 0};
                maps.add(current);
            } else if (line.startsWith("Rss:") && current != null) {
                current[2] = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        long[] largest = maps.stream().max(Comparator.comparingLong(m -> m[1] - m[0])).orElseThrow();
        long heapStart = largest[1] - heapMax;
        long outside = 0;
        for (long[] map : maps) {
            if (map[0] < heapStart || map[1] > largest[1]) {
                outside += map[2];
            }
        }
        return outside * 1024;
    }

    /** A numeric field of /proc/PID/status as written there (kB for memory, a count for Threads). */
    long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " in /proc status");
    }

    /**
     * CPU seconds used so far per thread group: the pipeline's pools by name, "ort" for ONNX Runtime's intra-op
     * workers (native threads that inherit the launcher's name, "java"), "gc", "jit", "http" and "other".
     */
    Map<String, Double> cpuByThreadGroup() throws IOException {
        Map<String, Double> seconds = new TreeMap<>();
        double tick = 100; // USER_HZ on Linux
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields[0] is field 3 (state); utime and stime are fields 14 and 15
                double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / tick;
                seconds.merge(group(name), cpu, Double::sum);
            }
        }
        return seconds;
    }

    private static String group(String thread) {
        // /proc truncates names to 15 characters: "tracker-analysi"
        if (thread.startsWith("tracker-dec")) {
            return "decode";
        }
        if (thread.startsWith("tracker-ana")) {
            return "analysis";
        }
        if (thread.startsWith("tracker-enc")) {
            return "encode";
        }
        if (thread.equals("java")) {
            return "ort";
        }
        if (thread.startsWith("GC ") || thread.startsWith("G1 ")) {
            return "gc";
        }
        if (thread.startsWith("C1 ") || thread.startsWith("C2 ")) {
            return "jit";
        }
        if (thread.startsWith("vert.x") || thread.startsWith("executor")) {
            return "http";
        }
        return "other";
    }

    private void awaitReady() throws Exception {
        HttpClient http = Client.HTTP;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/sessions/ready-probe"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 404) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not start within 90 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
