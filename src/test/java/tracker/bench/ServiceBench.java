package tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tracker.bench.Client.Event;
import tracker.bench.Client.Upload;

/** The packaged service end to end: throughput, overlap with the upload, latency to the first preview, memory. */
final class ServiceBench {

    static final Duration LONGEST = Duration.ofMinutes(20);

    private final Inputs inputs;
    private final Path work;
    private final Results results;
    private final Map<String, Long> nativePeaks = new HashMap<>();

    ServiceBench(Inputs inputs, Path work, Results results) {
        this.inputs = inputs;
        this.work = work;
        this.results = results;
    }

    /**
     * One service: a cold first session (first preview), processing alone (chunk 0 sent last); then, if asked, the
     * same clip uploaded at the pace that takes as long as processing it, and 1 and 4 concurrent sessions.
     */
    void streaming(double inferenceFps, boolean paced, boolean concurrent) throws Exception {
        try (Service service = Service.start("streaming", work, Map.of("tracker.pipeline.max-active-sessions", "4"))) {
            results.put("load_pipeline", Benchmark.load1());
            byte[] medium = Files.readAllBytes(inputs.medium);
            Upload cold = new Upload(service, medium);
            cold.sendAll();
            cold.await(LONGEST);
            results.put("first_preview_cold_s", cold.firstPreviewSeconds());
            cold.delete();

            byte[] clip = Files.readAllBytes(inputs.clip);
            Upload alone = new Upload(service, clip);
            Map<String, Double> cpuBefore = service.cpuByThreadGroup();
            alone.send(Client.firstChunkLast(alone.chunks), i -> 0);
            Event done = alone.await(LONGEST);
            results.put("pipeline_complete_processing_s", done.data().path("processing_seconds").asDouble());
            double processing = (done.nanos() - alone.firstChunkNanos) / 1e9;
            double fps = inputs.clipFrames / processing;
            // CPU per frame by thread group: where the two cores went
            double cpuTotal = 0;
            for (Map.Entry<String, Double> group : service.cpuByThreadGroup().entrySet()) {
                double ms = (group.getValue() - cpuBefore.getOrDefault(group.getKey(), 0.0)) * 1000 / inputs.clipFrames;
                results.put("pipeline_" + group.getKey() + "_cpu_ms", ms);
                cpuTotal += ms;
            }
            results.put("pipeline_all_cpu_ms", cpuTotal);
            results.put("pipeline_fps", fps);
            results.put("pipeline_vs_inference", fps / inferenceFps);
            results.put("processing_s", processing);
            alone.delete();
            if (paced) {
                paced(service, clip, processing);
            }
            if (concurrent) {
                concurrent(service, medium);
            }
        }
    }

    /** The clip over a link that delivers it in {@code processing} seconds: chunk i is complete at (i + 1) / n. */
    private void paced(Service service, byte[] clip, double processing) throws Exception {
        results.put("load_overlap", Benchmark.load1());
        Upload paced = new Upload(service, clip);
        long step = Math.round(processing * 1e9 / paced.chunks);
        paced.send(Client.inOrder(paced.chunks), i -> (i + 1) * step);
        Event done = paced.await(LONGEST);
        double upload = (paced.lastChunkNanos - paced.startNanos) / 1e9;
        double total = (done.nanos() - paced.startNanos) / 1e9;
        results.put("overlap_upload_s", upload);
        results.put("overlap_streaming_total_s", total);
        results.put("overlap", total / Math.max(upload, processing));
        results.put("overlap_vs_sum", total / (upload + processing));
        results.put("first_preview_s", paced.firstPreviewSeconds());
        paced.delete();
    }

    private void concurrent(Service service, byte[] clip) throws Exception {
        results.put("load_concurrent", Benchmark.load1());
        Upload one = new Upload(service, clip);
        one.sendAll();
        double single = inputs.mediumFrames / ((one.await(LONGEST).nanos() - one.startNanos) / 1e9);
        one.delete();

        long start = System.nanoTime();
        List<Upload> uploads = new ArrayList<>();
        List<CompletableFuture<Void>> sending = sendTogether(service, clip, 4, uploads);
        // Spread: how far apart the sessions' progress is while all four run, as a share of the clip.
        double spread = 0;
        while (uploads.stream().allMatch(u -> u.terminal().isEmpty())) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (Upload upload : uploads) {
                long frames = upload.state().path("frames_processed").asLong();
                min = Math.min(min, frames);
                max = Math.max(max, frames);
            }
            spread = Math.max(spread, (max - min) / (double) inputs.mediumFrames);
            Thread.sleep(250);
        }
        long firstDone = Long.MAX_VALUE;
        long lastDone = 0;
        for (int i = 0; i < uploads.size(); i++) {
            sending.get(i).join();
            long done = uploads.get(i).await(LONGEST).nanos();
            firstDone = Math.min(firstDone, done);
            lastDone = Math.max(lastDone, done);
            uploads.get(i).delete();
        }
        double four = 4.0 * inputs.mediumFrames / ((lastDone - start) / 1e9);
        results.put("concurrent_1_fps", single);
        results.put("concurrent_4_fps", four);
        results.put("concurrent", four / single);
        results.put("concurrent_progress_spread", spread);
        results.put("concurrent_finish_spread_s", (lastDone - firstDone) / 1e9);
    }

    /**
     * Issue 12's queue: {@code n} sessions of the 200-frame clip arriving together on an instance with its default
     * analysis places (one per core). {@code queue_vs_serial} is the time until the last completes over n times one
     * session's time alone (≤ 1.05: queueing wastes nothing); time to first progress is from the start of the
     * uploads to a session's first progress event past frame 0; {@code queue_rate_fairness} is the slowest session's
     * analysis rate (frames from its first progress to its end) over the fastest's; the spread is the largest gap in
     * frames processed between the sessions analysing at the same moment, as a share of the clip (large by design
     * in a first-come queue: one session starts as another ends).
     */
    void queue(int n) throws Exception {
        try (Service service = Service.start("queue", work, Map.of("tracker.sessions.max-per-client", "64"))) {
            byte[] clip = Files.readAllBytes(inputs.medium);
            Upload warm = new Upload(service, clip);
            warm.sendAll();
            warm.await(LONGEST);
            warm.delete();
            Upload one = new Upload(service, clip);
            one.sendAll();
            double single = (one.await(LONGEST).nanos() - one.startNanos) / 1e9;
            one.delete();

            long start = System.nanoTime();
            List<Upload> uploads = new ArrayList<>();
            List<CompletableFuture<Void>> sending = sendTogether(service, clip, n, uploads);
            double spread = 0;
            int mostAnalysing = 0;
            while (uploads.stream().anyMatch(u -> u.terminal().isEmpty())) {
                long min = Long.MAX_VALUE;
                long max = 0;
                int analysing = 0;
                for (Upload upload : uploads) {
                    JsonNode state = upload.state();
                    if ("processing".equals(state.path("state").asText())) {
                        long frames = state.path("frames_processed").asLong();
                        min = Math.min(min, frames);
                        max = Math.max(max, frames);
                        analysing++;
                    }
                }
                mostAnalysing = Math.max(mostAnalysing, analysing);
                if (analysing > 1) {
                    spread = Math.max(spread, (max - min) / (double) inputs.mediumFrames);
                }
                Thread.sleep(250);
            }
            long lastDone = 0;
            double firstProgressSum = 0;
            double firstProgressMax = 0;
            double slowest = Double.MAX_VALUE;
            double fastest = 0;
            for (int i = 0; i < n; i++) {
                sending.get(i).join();
                Upload upload = uploads.get(i);
                long done = upload.await(LONGEST).nanos();
                lastDone = Math.max(lastDone, done);
                double first = upload.events.stream()
                        .filter(e -> e.name().equals("progress") && e.data().path("frame_index").asLong() > 0)
                        .findFirst().map(e -> (e.nanos() - start) / 1e9).orElse(Double.NaN);
                firstProgressSum += first;
                firstProgressMax = Math.max(firstProgressMax, first);
                // each session's own analysis rate, from its first progress to its end: what fair sharing evens out
                double rate = inputs.mediumFrames / ((done - start) / 1e9 - first);
                slowest = Math.min(slowest, rate);
                fastest = Math.max(fastest, rate);
                upload.delete();
            }
            results.put("queue_rate_slowest_fps", slowest);
            results.put("queue_rate_fastest_fps", fastest);
            results.put("queue_rate_fairness", slowest / fastest);
            double total = (lastDone - start) / 1e9;
            results.put("queue_single_s", single);
            results.put("queue_total_s", total);
            results.put("queue_vs_serial", total / (n * single));
            results.put("queue_first_progress_mean_s", firstProgressSum / n);
            results.put("queue_first_progress_max_s", firstProgressMax);
            results.put("queue_progress_spread", spread);
            results.put("queue_most_analysing", (long) mostAnalysing);
        }
    }

    /** Starts {@code n} uploads of {@code clip} at once, adding each to {@code uploads}; the futures end with sending. */
    private static List<CompletableFuture<Void>> sendTogether(Service service, byte[] clip, int n, List<Upload> uploads) {
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Upload upload = new Upload(service, clip);
            uploads.add(upload);
            sending.add(CompletableFuture.runAsync(() -> {
                try {
                    upload.sendAll();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Client.THREADS));
        }
        return sending;
    }

    /** A 100 Mbit/s uplink, for the run where the upload is paced like a real one. */
    static final double LINK_BYTES_PER_SECOND = 12.5e6;

    /**
     * Peak RSS (VmHWM) of a fresh service that processed one upload of {@code clip}, sent as fast as the service takes
     * it or at {@code bytesPerSecond}; where its memory is at the end goes to the log.
     */
    long peakRss(String name, Path clip, double bytesPerSecond) throws Exception {
        try (Service service = Service.start(name, work, Map.of())) {
            long idle = service.memory("VmRSS");
            long heapMax = memory(service, false).path("heap_max").asLong();
            Upload upload = new Upload(service, Files.readAllBytes(clip));
            long step = bytesPerSecond > 0 ? Math.round(Client.CHUNK / bytesPerSecond * 1e9) : 0;
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    upload.send(Client.inOrder(upload.chunks), i -> (i + 1) * step);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Client.THREADS);
            // the peak outside the Java heap, sampled: what FFmpeg, ONNX Runtime and the rest hold natively
            long outside = 0;
            while (upload.terminal().isEmpty()) {
                outside = Math.max(outside, service.rssOutsideHeap(heapMax));
                Thread.sleep(250);
            }
            sending.join();
            upload.await(LONGEST);
            upload.delete();
            JsonNode memory = memory(service, false);
            long peak = service.memory("VmHWM");
            Benchmark.log("%s: idle RSS %.1f MB, peak %.1f MB, outside the heap %.1f MB, heap committed %.1f MB", name,
                    idle / 1e6, peak / 1e6, outside / 1e6, memory.path("heap_committed").asLong() / 1e6);
            nativePeaks.put(name, outside);
            return peak;
        }
    }

    /**
     * Peak RSS for the large upload against the small one, each in a fresh service, {@code runs} times alternately
     * (medians), sent as fast as possible; then once each over a 100 Mbit/s link.
     */
    void rss(int runs) throws Exception {
        long[] small = new long[runs];
        long[] large = new long[runs];
        for (int i = 0; i < runs; i++) {
            small[i] = peakRss("rss-small-" + i, inputs.small, 0);
            large[i] = peakRss("rss-large-" + i, inputs.large, 0);
        }
        results.put("rss_small_upload_mb", Files.size(inputs.small) / 1e6);
        results.put("rss_large_upload_mb", Files.size(inputs.large) / 1e6);
        results.put("rss_peak_small_mb", median(small) / 1e6);
        results.put("rss_peak_large_mb", median(large) / 1e6);
        results.put("rss_ratio", median(large) / median(small));
        results.put("rss_ratio_runs", IntStream.range(0, runs)
                .mapToObj(i -> String.format(Locale.ROOT, "%.3f", (double) large[i] / small[i]))
                .collect(Collectors.joining(" ")));
        long[] smallNative = IntStream.range(0, runs).mapToLong(i -> nativePeaks.get("rss-small-" + i)).toArray();
        long[] largeNative = IntStream.range(0, runs).mapToLong(i -> nativePeaks.get("rss-large-" + i)).toArray();
        results.put("rss_native_peak_small_mb", median(smallNative) / 1e6);
        results.put("rss_native_peak_large_mb", median(largeNative) / 1e6);
        results.put("rss_native_ratio", median(largeNative) / median(smallNative));
        // one more size, to see whether anything grows with it between 100 and 500 MB
        if (!inputs.hundred.equals(inputs.large)) {
            long hundred = peakRss("rss-100mb", inputs.hundred, 0);
            results.put("rss_peak_100mb_mb", hundred / 1e6);
            results.put("rss_native_peak_100mb_mb", nativePeaks.get("rss-100mb") / 1e6);
        }
        long smallLink = peakRss("rss-small-link", inputs.small, LINK_BYTES_PER_SECOND);
        long largeLink = peakRss("rss-large-link", inputs.large, LINK_BYTES_PER_SECOND);
        results.put("rss_peak_small_100mbit_mb", smallLink / 1e6);
        results.put("rss_peak_large_100mbit_mb", largeLink / 1e6);
        results.put("rss_ratio_100mbit", (double) largeLink / smallLink);
        results.put("rss_native_ratio_100mbit", (double) nativePeaks.get("rss-large-link")
                / nativePeaks.get("rss-small-link"));
    }

    /**
     * Many short sessions one after another; memory after a GC, as the median of ten samples: after sessions 10-19
     * and after the last ten. "native" is the resident memory outside the Java heap's mappings (smaps): the RSS
     * itself moves by tens of MB between samples as G1 commits and returns heap regions.
     */
    void leak(int sessions) throws Exception {
        byte[] clip = Files.readAllBytes(inputs.tiny);
        try (Service service = Service.start("leak", work, Map.of())) {
            long[][] early = new long[3][10];
            long[][] late = new long[3][10];
            for (int i = 1; i <= sessions; i++) {
                Upload upload = new Upload(service, clip);
                upload.sendAll();
                upload.await(LONGEST);
                upload.delete();
                boolean first = i >= 10 && i < 20;
                boolean last = i > sessions - 10;
                if (first || last || i % 10 == 0) {
                    JsonNode memory = memory(service);
                    long rss = service.memory("VmRSS");
                    long outside = service.rssOutsideHeap(memory.path("heap_max").asLong());
                    Benchmark.log("after %d sessions: RSS %.1f MB, outside the Java heap %.1f MB, heap used %.1f MB", i,
                            rss / 1e6, outside / 1e6, memory.path("heap_used").asLong() / 1e6);
                    if (first || last) {
                        long[][] window = first ? early : late;
                        int k = first ? i - 10 : i - (sessions - 9);
                        window[0][k] = rss;
                        window[1][k] = outside;
                        window[2][k] = memory.path("javacpp_total_bytes").asLong();
                    }
                }
            }
            results.put("leak_sessions", sessions);
            results.put("leak_rss_10_mb", median(early[0]) / 1e6);
            results.put("leak_rss_" + sessions + "_mb", median(late[0]) / 1e6);
            results.put("leak_rss_ratio", median(late[0]) / median(early[0]));
            results.put("leak_native_10_mb", median(early[1]) / 1e6);
            results.put("leak_native_" + sessions + "_mb", median(late[1]) / 1e6);
            results.put("leak_native_ratio", median(late[1]) / median(early[1]));
            results.put("leak_javacpp_10_bytes", (long) median(early[2]));
            results.put("leak_javacpp_" + sessions + "_bytes", (long) median(late[2]));
            results.put("leak_threads_end", service.status("Threads"));
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static JsonNode memory(Service service) throws Exception {
        return memory(service, true);
    }

    private static JsonNode memory(Service service, boolean gc) throws Exception {
        HttpResponse<String> response = Client.HTTP.send(HttpRequest.newBuilder(service.uri("/api/debug/memory?gc=" + gc))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("memory endpoint: HTTP " + response.statusCode());
        }
        return Client.JSON.readTree(response.body());
    }
}
