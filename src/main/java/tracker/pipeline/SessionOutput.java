package tracker.pipeline;

import java.util.Map;
import tracker.analyze.DetectionSummary;
import tracker.analyze.DetectionsWriter;
import tracker.decode.FrameBuffers;
import tracker.decode.MediaException;
import tracker.decode.VideoInfo;
import tracker.encode.EncoderSettings;
import tracker.encode.VideoEncoder;
import tracker.progress.PreviewEncoder;
import tracker.progress.Progress;
import tracker.session.Session;

/**
 * The last stage's state for one session: the MP4 being written, the per-frame detections, the summary and the
 * progress it reports. A written frame's array goes back to the decoder. The encoder opens on the first frame (when the size is known); {@link #write} and
 * {@link #close} are serialised because a cancel closes it from another thread.
 */
final class SessionOutput implements AutoCloseable {

    /** What a finished session delivers besides its files. */
    record Finished(long frames, Map<String, Object> summary) {
    }

    private final Session session;
    private final EncoderSettings settings;
    private final PreviewEncoder previews;
    private final FrameBuffers buffers;
    private final DetectionSummary summary = new DetectionSummary();
    private final DetectionsWriter detections;
    private VideoEncoder encoder;
    private boolean closed;

    SessionOutput(Session session, EncoderSettings settings, PreviewEncoder previews, FrameBuffers buffers) {
        this.session = session;
        this.settings = settings;
        this.previews = previews;
        this.buffers = buffers;
        this.detections = new DetectionsWriter(session.detections());
    }

    synchronized void write(Analyzed analyzed) {
        if (closed) {
            return;
        }
        VideoInfo info = session.info();
        if (encoder == null) {
            encoder = new VideoEncoder(session.result(), settings, info.width(), info.height(), info.fpsNum(), info.fpsDen());
        }
        encoder.write(analyzed.frame());
        detections.write(analyzed.frame(), analyzed.analysis());
        summary.add(analyzed.analysis());
        session.frameDone();
        long index = analyzed.frame().index();
        if (index % session.options().previewInterval() == 0) {
            String preview = previews.base64Jpeg(analyzed.frame());
            session.progress().progress(Progress.of(index, session.info().totalFrames(), preview));
        }
        buffers.give(analyzed.frame().bgr());
    }

    /** Writes the MP4's trailer and index and completes the detections document. */
    synchronized Finished finish() {
        if (encoder == null) {
            throw new MediaException("the video has no frames");
        }
        encoder.finish();
        detections.close();
        return new Finished(encoder.frames(), summary.toMap());
    }

    @Override
    public synchronized void close() {
        closed = true;
        detections.close();
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
