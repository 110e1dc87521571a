package tracker.decode;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import io.quarkus.logging.Log;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import tracker.spool.Spool;
import tracker.spool.SpoolClosed;

/**
 * A custom AVIOContext that reads a {@link Spool}: the only way bytes reach FFmpeg, so no protocol is ever opened.
 * Reads and seeks block until the bytes they need have been uploaded, and fail with AVERROR_EXIT once the spool is
 * cancelled. One static callback pair serves every input (JavaCPP callbacks are costly native thunks) and finds
 * its input through the opaque pointer.
 */
final class SpoolInput implements AutoCloseable {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int SEEK_END = 2;

    private static final Map<Long, SpoolInput> OPEN = new ConcurrentHashMap<>();
    private static final ReadCallback READ = new ReadCallback();
    private static final SeekCallback SEEK = new SeekCallback();

    private final Spool spool;
    private final Pointer opaque;
    private final AVIOContext context;
    private long position;

    SpoolInput(Spool spool) {
        this.spool = spool;
        this.opaque = new BytePointer(1);
        OPEN.put(opaque.address(), this);
        Pointer buffer = av_malloc(BUFFER_SIZE);
        this.context = avio_alloc_context(new BytePointer(buffer), BUFFER_SIZE, 0, opaque, READ, null, SEEK);
        if (context == null || context.isNull()) {
            av_free(buffer);
            OPEN.remove(opaque.address());
            opaque.close();
            throw new IllegalStateException("avio_alloc_context failed");
        }
    }

    AVIOContext context() {
        return context;
    }

    /** Frees the AVIOContext; call only after the AVFormatContext using it is closed. */
    @Override
    public void close() {
        // FFmpeg may have replaced the buffer it was given, so free the one it holds now.
        av_free(context.buffer());
        context.buffer(null);
        avio_context_free(context);
        OPEN.remove(opaque.address());
        opaque.close();
    }

    private int read(BytePointer buf, int size) {
        try {
            ByteBuffer target = buf.capacity(size).asByteBuffer();
            int n = spool.read(position, target);
            if (n < 0) {
                return AVERROR_EOF;
            }
            position += n;
            return n;
        } catch (SpoolClosed e) {
            return AVERROR_EXIT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AVERROR_EXIT;
        } catch (Exception e) {
            Log.warnf(e, "spool read at %d failed", position);
            return FFmpeg.AVERROR_EIO;
        }
    }

    private long seek(long offset, int whence) {
        try {
            switch (whence & ~AVSEEK_FORCE) {
                case SEEK_SET -> position = offset;
                case SEEK_CUR -> position += offset;
                case SEEK_END, AVSEEK_SIZE -> {
                    // The size is unknown until the final chunk arrives. avio_size() asks for it on every open
                    // (falling back to SEEK_END), and demuxers take an error as "size unknown", so neither may
                    // wait. Seeks to a position do not wait either: the read there does.
                    long size = spool.size();
                    if (size < 0) {
                        return FFmpeg.AVERROR_ENOSYS;
                    }
                    if ((whence & ~AVSEEK_FORCE) == AVSEEK_SIZE) {
                        return size;
                    }
                    position = size + offset;
                }
                default -> {
                    return FFmpeg.AVERROR_ENOSYS;
                }
            }
            return position;
        } catch (SpoolClosed e) {
            return AVERROR_EXIT;
        }
    }

    private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            SpoolInput input = OPEN.get(opaque.address());
            return input == null ? AVERROR_EXIT : input.read(buf, size);
        }
    }

    private static final class SeekCallback extends Seek_Pointer_long_int {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            SpoolInput input = OPEN.get(opaque.address());
            return input == null ? AVERROR_EXIT : input.seek(offset, whence);
        }
    }
}
