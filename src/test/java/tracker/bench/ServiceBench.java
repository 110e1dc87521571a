package tracker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tracker.bench.Client.Event;
import tracker.bench.Client.Upload;

/** The packaged service end to end: throughput, overlap with the upload, latency to the first preview, memory. */
final class ServiceBench {

    static final Duration LONGEST = Duration.ofMinutes(20);

    private final Inputs inputs;
    private final Path work;
    private final Results results;

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
        Upload one = new Upload(service, clip);
        one.sendAll();
        double single = inputs.mediumFrames / ((one.await(LONGEST).nanos() - one.startNanos) / 1e9);
        one.delete();

        List<Upload> uploads = new ArrayList<>();
        List<CompletableFuture<Void>> sending = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
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

    /** Peak RSS of a fresh service that processed one upload of {@code clip}, and where its memory is at the end. */
    long peakRss(String name, Path clip) throws Exception {
        try (Service service = Service.start(name, work, Map.of())) {
            long idle = service.memory("VmRSS");
            Upload upload = new Upload(service, Files.readAllBytes(clip));
            upload.sendAll();
            upload.await(LONGEST);
            upload.delete();
            JsonNode memory = memory(service, false);
            results.put(name + "_idle_mb", idle / 1e6);
            results.put(name + "_heap_committed_mb", memory.path("heap_committed").asLong() / 1e6);
            results.put(name + "_direct_mb", memory.path("direct_buffers_bytes").asLong() / 1e6);
            return service.memory("VmHWM");
        }
    }

    void rss() throws Exception {
        long small = peakRss("rss_small", inputs.small);
        long large = peakRss("rss_large", inputs.large);
        results.put("rss_small_upload_mb", Files.size(inputs.small) / 1e6);
        results.put("rss_large_upload_mb", Files.size(inputs.large) / 1e6);
        results.put("rss_peak_small_mb", small / 1e6);
        results.put("rss_peak_large_mb", large / 1e6);
        results.put("rss_ratio", (double) large / small);
    }

    /** Many short sessions one after another: memory after 10 and after {@code sessions}, each after a GC. */
    void leak(int sessions) throws Exception {
        byte[] clip = Files.readAllBytes(inputs.tiny);
        try (Service service = Service.start("leak", work, Map.of())) {
            JsonNode at10 = null;
            long rss10 = 0;
            for (int i = 1; i <= sessions; i++) {
                Upload upload = new Upload(service, clip);
                upload.sendAll();
                upload.await(LONGEST);
                upload.delete();
                if (i == 10) {
                    at10 = memory(service);
                    rss10 = service.memory("VmRSS");
                }
            }
            JsonNode atEnd = memory(service);
            long rssEnd = service.memory("VmRSS");
            long native10 = rss10 - at10.path("heap_committed").asLong();
            long nativeEnd = rssEnd - atEnd.path("heap_committed").asLong();
            results.put("leak_sessions", sessions);
            results.put("leak_rss_10_mb", rss10 / 1e6);
            results.put("leak_rss_" + sessions + "_mb", rssEnd / 1e6);
            results.put("leak_rss_ratio", (double) rssEnd / rss10);
            results.put("leak_native_10_mb", native10 / 1e6);
            results.put("leak_native_" + sessions + "_mb", nativeEnd / 1e6);
            results.put("leak_native_ratio", (double) nativeEnd / native10);
            results.put("leak_javacpp_10_bytes", at10.path("javacpp_total_bytes").asLong());
            results.put("leak_javacpp_" + sessions + "_bytes", atEnd.path("javacpp_total_bytes").asLong());
            results.put("leak_threads_end", service.status("Threads"));
        }
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
