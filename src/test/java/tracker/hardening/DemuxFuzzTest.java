package tracker.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tracker.decode.FrameSource;
import tracker.decode.MediaException;
import tracker.spool.Spool;
import tracker.testing.Clips;
import tracker.testing.Spools;

/**
 * A mutation fuzzer over the demux/decode entry: real clips of every accepted container, truncated, bit-flipped,
 * with corrupted box/element sizes, spliced and zeroed, fed through the same spool and FFmpeg path as an upload.
 * Every input must end in frames or a {@link MediaException}, within a time limit; anything else (another
 * exception, a hang, or a native crash, which kills this JVM and so the build) fails. 2000 inputs in CI; a long run:
 * {@code ./mvnw test -Dtest=DemuxFuzzTest -Dtracker.fuzz.iterations=20000 -Dtracker.fuzz.seed=7}.
 */
class DemuxFuzzTest {

    static final int MAX_FRAMES = 200;

    @TempDir
    Path dir;

    @Test
    void mutatedVideosEndInFramesOrAClearError() throws Exception {
        int iterations = Integer.getInteger("tracker.fuzz.iterations", 2000);
        long seed = Long.getLong("tracker.fuzz.seed", 20261125L);
        List<byte[]> corpus = corpus();
        Random random = new Random(seed);
        int decoded = 0;
        int rejected = 0;
        long frames = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < iterations; i++) {
                byte[] input = mutate(corpus.get(random.nextInt(corpus.size())), random);
                Path file = dir.resolve("fuzz-" + i);
                Future<Long> run = worker.submit(() -> decode(file, input));
                try {
                    frames += run.get(30, TimeUnit.SECONDS);
                    decoded++;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof MediaException)) {
                        Path keep = Files.write(Path.of("target", "fuzz-failure-" + seed + "-" + i), input);
                        fail("input " + i + " (seed " + seed + ", saved as " + keep + ") failed with " + e.getCause(), e.getCause());
                    }
                    rejected++;
                } catch (TimeoutException e) {
                    Path keep = Files.write(Path.of("target", "fuzz-hang-" + seed + "-" + i), input);
                    fail("input " + i + " (seed " + seed + ", saved as " + keep + ") did not finish in 30 s");
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.printf("FIGURES fuzz: %d inputs (seed %d): %d decoded (%d frames), %d rejected with a MediaException, "
                + "0 crashes%n", iterations, seed, decoded, frames, rejected);
        assertTrue(decoded > 0 && rejected > 0, "the mutations reach both outcomes: " + decoded + "/" + rejected);
    }

    private long decode(Path file, byte[] input) throws Exception {
        try (Spool spool = new Spool(file, 1, input.length, input.length)) {
            Spools.put(spool, input, Math.max(1, input.length), 0);
            try (FrameSource source = new FrameSource(spool, 1)) {
                long n = 0;
                while (n < MAX_FRAMES && source.next() != null) {
                    n++;
                }
                return n;
            }
        }
    }

    private List<byte[]> corpus() throws Exception {
        List<byte[]> corpus = new ArrayList<>();
        for (Clips clip : Clips.values()) {
            corpus.add(Spools.read(clip.write(dir.resolve("corpus"), 96, 64, 10, 12, 1.0)));
        }
        try (InputStream in = getClass().getResourceAsStream("/media/vtest-40.mp4")) {
            corpus.add(in.readAllBytes());
        }
        return corpus;
    }

    /** One to three mutations of the kinds that break parsers: lengths, truncation, flipped bits, splices. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] data = original.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && data.length > 16; m++) {
            switch (random.nextInt(7)) {
                case 0 -> data = java.util.Arrays.copyOf(data, 8 + random.nextInt(data.length - 8));
                case 1 -> {
                    for (int f = 1 + random.nextInt(16); f > 0; f--) {
                        data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 2 -> corruptBoxSize(data, random);
                case 3 -> {
                    int from = random.nextInt(data.length);
                    int length = Math.min(data.length - from, 1 + random.nextInt(4096));
                    java.util.Arrays.fill(data, from, from + length, (byte) (random.nextBoolean() ? 0 : 0xFF));
                }
                case 4 -> {
                    // Splice: a piece of the file copied over another place (plausible but wrong structure).
                    int length = 1 + random.nextInt(Math.min(8192, data.length / 2));
                    System.arraycopy(data, random.nextInt(data.length - length), data, random.nextInt(data.length - length), length);
                }
                case 5 -> oversizeField(data, random);
                default -> {
                    byte[] noise = new byte[1 + random.nextInt(1024)];
                    random.nextBytes(noise);
                    byte[] longer = new byte[data.length + noise.length];
                    int at = random.nextInt(data.length);
                    System.arraycopy(data, 0, longer, 0, at);
                    System.arraycopy(noise, 0, longer, at, noise.length);
                    System.arraycopy(data, at, longer, at + noise.length, data.length - at);
                    data = longer;
                }
            }
        }
        return data;
    }

    /**
     * Sets a frame size, duration or frame count field to a huge (or zero) value: ISO-BMFF mvhd/mdhd timescale and
     * duration, tkhd and avc1 width/height, AVI avih frame count and size, Matroska PixelWidth/PixelHeight/Duration.
     * Offsets count from the tag's first byte (version 0 boxes).
     */
    static void oversizeField(byte[] data, Random random) {
        String[][] fields = {{"mvhd", "16", "4"}, {"mvhd", "20", "4"}, {"mdhd", "16", "4"}, {"mdhd", "20", "4"},
            {"tkhd", "24", "4"}, {"tkhd", "80", "4"}, {"tkhd", "84", "4"}, {"avc1", "28", "2"}, {"avc1", "30", "2"},
            {"avih", "24", "4"}, {"avih", "40", "4"}, {"avih", "44", "4"}, {"strh", "36", "4"},
            {"\u00B0\u0082", "2", "2"}, {"\u00BA\u0082", "2", "2"}, {"\u0044\u0089\u0088", "3", "8"},
            {"\u0044\u0089\u0084", "3", "4"}};
        String[] field = fields[random.nextInt(fields.length)];
        int at = new String(data, StandardCharsets.ISO_8859_1).indexOf(field[0]);
        int offset = Integer.parseInt(field[1]);
        int bytes = Integer.parseInt(field[2]);
        if (at < 0 || at + offset + bytes > data.length) {
            return;
        }
        long[] huge = {0, 0xFFFFL, 0x10000L, 0x7FFFFFFFL, 0xFFFFFFFFL, 0x7FEFFFFFFFFFFFFFL, -1L};
        long value = huge[random.nextInt(huge.length)];
        for (int i = 0; i < bytes; i++) {
            data[at + offset + i] = (byte) (value >>> (8 * (bytes - 1 - i)));
        }
    }

    /** Overwrites the 32-bit size in front of a known ISO-BMFF box tag, or a Matroska/AVI length, with a bad value. */
    private static void corruptBoxSize(byte[] data, Random random) {
        String[] tags = {"moov", "trak", "mdia", "minf", "stbl", "stsz", "stco", "stts", "stsc", "mdat", "moof", "traf",
            "trun", "avcC", "LIST", "movi", "idx1", "strf"};
        String text = new String(data, StandardCharsets.ISO_8859_1);
        String tag = tags[random.nextInt(tags.length)];
        int at = text.indexOf(tag, random.nextInt(Math.max(1, data.length / 2)));
        if (at < 0) {
            at = text.indexOf(tag);
        }
        int sizeAt = at - 4;
        if (sizeAt < 0) {
            sizeAt = random.nextInt(data.length - 4);
        }
        int[] bad = {0, 1, 7, 8, 0x7FFFFFFF, 0xFFFFFFFF, random.nextInt(), data.length * 2};
        int value = bad[random.nextInt(bad.length)];
        data[sizeAt] = (byte) (value >>> 24);
        data[sizeAt + 1] = (byte) (value >>> 16);
        data[sizeAt + 2] = (byte) (value >>> 8);
        data[sizeAt + 3] = (byte) value;
    }
}
