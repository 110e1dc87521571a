package tracker.pipeline;

import tracker.decode.VideoInfo;
import tracker.encode.EncoderSettings;
import tracker.encode.VideoEncoder;
import tracker.progress.PreviewEncoder;
import tracker.progress.Progress;
import tracker.session.Session;

/**
 * The last stage's state for one session: the MP4 being written, and the progress it reports. Opened on the
 * first frame (when the size is known); {@link #write} and {@link #close} are serialised because a cancel
 * closes it from another thread.
 */
final class SessionOutput implements AutoCloseable {

    private final Session session;
    private final EncoderSettings settings;
    private final PreviewEncoder previews;
    private VideoEncoder encoder;
    private boolean closed;

    SessionOutput(Session session, EncoderSettings settings, PreviewEncoder previews) {
        this.session = session;
        this.settings = settings;
        this.previews = previews;
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
        session.frameDone();
        long index = analyzed.frame().index();
        if (index % session.options().previewInterval() == 0) {
            String preview = previews.base64Jpeg(analyzed.frame());
            session.progress().progress(Progress.of(index, session.info().totalFrames(), preview));
        }
    }

    /** Writes the MP4's trailer and index; returns the number of frames written. */
    synchronized long finish() {
        if (encoder == null) {
            throw new tracker.decode.MediaException("the video has no frames");
        }
        encoder.finish();
        return encoder.frames();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
