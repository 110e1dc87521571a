package tracker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tracker's streaming promise, measured on this machine in one run: decode against ffmpeg, the pipeline against its
 * inference, upload/processing overlap, time to the first preview, memory against upload size and session count,
 * and concurrent sessions. Prints {@code name: value} lines (also kept in target/bench/results.txt).
 *
 * <p>Run from the project root: {@code ./mvnw -B -Pbench verify [-Dbench.args="quick pipeline,rss"]}. Parts: decode,
 * inference, pipeline, overlap, concurrent (streaming = those three), rss, leak, modes, queue; "quick" makes shorter inputs. Needs
 * Debian's {@code ffmpeg} on the PATH, for the baselines and to make the inputs from the committed vtest excerpt. To
 * run it by hand, give java the classpath in an @argfile, not -cp: ONNX Runtime 1.29 crashes (SIGSEGV) creating its
 * environment when the process' command line is over about 4 KB.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        // Maven passes -Dbench.args as one argument: "quick streaming,rss" is two.
        String[] args = String.join(" ", arguments).trim().split("\\s+");
        boolean quick = List.of(args).contains("quick");
        // streaming = pipeline (cold first session, processing alone) + overlap + concurrent
        Set<String> parts = Set.of("decode", "inference", "pipeline", "overlap", "concurrent", "rss", "leak", "modes", "queue");
        for (String arg : args) {
            if (!arg.isBlank() && !arg.equals("quick") && !arg.equals("all")) {
                parts = Set.of(arg.replace("streaming", "pipeline,overlap,concurrent").split(","));
            }
        }
        Path work = Path.of("target/bench").toAbsolutePath();
        Files.createDirectories(work);
        Results results = new Results(work.resolve("results.txt"));
        results.put("date", Instant.now().toString());
        results.put("machine", machine());
        results.put("load_before", load());

        Inputs inputs = Inputs.prepare(work.resolve("inputs"), quick);
        results.put("clip", inputs.clip.getFileName() + " (" + inputs.clipFrames + " frames, "
                + String.format(Locale.ROOT, "%.1f MB", Files.size(inputs.clip) / 1e6) + ")");
        if (parts.contains("decode")) {
            results.put("load_decode", load1());
            new DecodeBench(inputs.clip, inputs.clipFrames, work).run(results);
        }
        double inference = Double.NaN;
        boolean service = parts.contains("pipeline") || parts.contains("overlap") || parts.contains("concurrent");
        if (parts.contains("inference") || service) {
            results.put("load_inference", load1());
            inference = StageBench.run(inputs.clip, Math.min(200, inputs.clipFrames - StageBench.WARMUP),
                    work, results);
            results.put("inference_fps", inference);
        }
        ServiceBench bench = new ServiceBench(inputs, work, results);
        if (service) {
            bench.streaming(inference, parts.contains("overlap"), parts.contains("concurrent"));
        }
        if (parts.contains("rss")) {
            results.put("load_rss", load1());
            bench.rss(quick ? 1 : 3);
        }
        if (parts.contains("leak")) {
            results.put("load_leak", load1());
            bench.leak(Integer.getInteger("bench.sessions", quick ? 30 : 100));
        }
        if (parts.contains("queue")) {
            results.put("load_queue", load1());
            bench.queue(8);
        }
        if (parts.contains("modes")) {
            results.put("load_modes", load1());
            ModesBench modes = new ModesBench(work, results);
            modes.run(quick ? 120 : 240);
            modes.poseBatch(inputs.clip, inputs.clipFrames);
        }
        results.put("load_after", load());
        System.exit(0);
    }

    static void log(String format, Object... args) {
        // stdout, like the results: two streams interleave mid-line in the Maven log
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    /** Runs a command to completion; its error output goes to ours. */
    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    /** The 1-minute load average as each part starts: on a shared machine, what to read its figures against. */
    static String load1() throws IOException {
        return load().split(" ")[0];
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        long memKb = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GB RAM, %s %s, Java %s", cpu,
                Runtime.getRuntime().availableProcessors(), memKb / 1e6, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
