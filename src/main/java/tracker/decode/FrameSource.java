package tracker.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import tracker.spool.Spool;

/**
 * Decoded frames of a spool, one per {@link #next()} call: demuxer, decoder and converter under one owner.
 * {@link #next()} and {@link #close()} are serialised, so a cancel from another thread waits for the frame in
 * progress (which the spool's cancellation cuts short) instead of freeing memory under it.
 */
public final class FrameSource implements AutoCloseable {

    private final Demuxer demuxer;
    private final Decoder decoder;
    private final BgrConverter converter;
    private final FrameBuffers buffers;
    private final double timeBase;
    private long startPts = Long.MIN_VALUE;
    private long index;
    private boolean closed;

    /** Every frame in a new array. */
    public FrameSource(Spool spool, int decoderThreads) {
        this(spool, decoderThreads, new FrameBuffers(0));
    }

    /** Frames in arrays from {@code buffers}, which the caller gives back once done with a frame. */
    public FrameSource(Spool spool, int decoderThreads, FrameBuffers buffers) {
        this.buffers = buffers;
        demuxer = new Demuxer(spool);
        Decoder opened = null;
        try {
            VideoInfo info = demuxer.info();
            opened = new Decoder(demuxer, decoderThreads);
            converter = new BgrConverter(info.width(), info.height());
            timeBase = av_q2d(demuxer.stream().time_base());
        } catch (RuntimeException e) {
            // Nothing owns what was opened until the constructor returns: free it here, decoder before demuxer.
            if (opened != null) {
                opened.close();
            }
            demuxer.close();
            throw e;
        }
        decoder = opened;
    }

    public VideoInfo info() {
        return demuxer.info();
    }

    /** Frames decoded so far. */
    public synchronized long decoded() {
        return index;
    }

    /** The next frame, or null after the last. */
    public synchronized VideoFrame next() {
        if (closed) {
            return null;
        }
        AVFrame frame = decoder.next();
        if (frame == null) {
            return null;
        }
        long pts = Decoder.timestamp(frame);
        if (startPts == Long.MIN_VALUE) {
            startPts = pts;
        }
        long micros = Math.round((pts - startPts) * timeBase * 1_000_000);
        VideoInfo info = demuxer.info();
        byte[] bgr = converter.convert(frame, buffers.take(info.width() * info.height() * 3));
        return new VideoFrame(index++, micros, info.width(), info.height(), bgr);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        converter.close();
        decoder.close();
        demuxer.close();
    }
}
