package tracker.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import tracker.decode.FrameBuffers;
import tracker.decode.MediaException;
import tracker.decode.VideoFrame;
import tracker.decode.VideoInfo;
import tracker.encode.EncoderSettings;
import tracker.encode.VideoEncoder;
import tracker.export.CsvTrackWriter;
import tracker.export.DetectionSummary;
import tracker.export.DetectionsWriter;
import tracker.export.MotWriter;
import tracker.export.SeriesWriter;
import tracker.progress.Progress;
import tracker.render.PreviewEncoder;
import tracker.session.Session;

/**
 * The last stage's state for one session: the MP4 being written, the per-frame detections and track exports, the
 * summary and the progress it reports. A written frame's array goes back to the decoder. The encoder opens on the
 * first frame (when the size is known); {@link #write} and
 * {@link #close} are serialised because a cancel closes it from another thread.
 */
final class SessionOutput implements AutoCloseable {

    /** What a finished session delivers besides its files. */
    record Finished(long frames, Map<String, Object> summary) {
    }

    private final Session session;
    private final long maxFrames;
    private final EncoderSettings settings;
    private final PreviewEncoder previews;
    private final FrameBuffers buffers;
    private final DetectionSummary summary = new DetectionSummary();
    private final DetectionsWriter detections;
    private final CsvTrackWriter csv;
    private final MotWriter mot;
    private final SeriesWriter series = new SeriesWriter();
    private VideoEncoder encoder;
    private boolean closed;

    SessionOutput(Session session, EncoderSettings settings, PreviewEncoder previews, FrameBuffers buffers,
                  long maxFrames) {
        this.session = session;
        this.maxFrames = maxFrames;
        this.settings = settings;
        this.previews = previews;
        this.buffers = buffers;
        this.detections = new DetectionsWriter(session.detections());
        CsvTrackWriter rows = null;
        try {
            rows = CsvTrackWriter.open(session.tracksCsv());
            this.mot = MotWriter.open(session.tracksMot());
        } catch (IOException e) {
            if (rows != null) {
                rows.close();
            }
            detections.close();
            throw new UncheckedIOException(e);
        }
        this.csv = rows;
    }

    synchronized void write(Analyzed analyzed) {
        if (closed) {
            return;
        }
        VideoInfo info = session.info();
        if (analyzed.frame().index() >= maxFrames) {
            throw new MediaException("the video has more than " + maxFrames + " frames, the most this service accepts");
        }
        if (encoder == null) {
            encoder = new VideoEncoder(session.result(), settings, info.width(), info.height(), info.fpsNum(), info.fpsDen());
        }
        encoder.write(analyzed.frame());
        VideoFrame frame = analyzed.frame();
        detections.write(frame, analyzed.analysis(), analyzed.tracks());
        csv.write(frame.index(), frame.timestampSeconds(), analyzed.tracks().detections());
        mot.write(frame.index(), analyzed.tracks().detections());
        summary.add(analyzed.analysis());
        series.add(frame.index(), frame.timestampSeconds(), analyzed.analysis().detections());
        session.frameDone();
        if (frame.index() % session.options().previewInterval() == 0) {
            String preview = previews.base64Jpeg(frame);
            session.progress().progress(Progress.of(frame.index(), session.info().totalFrames(), preview,
                    analyzed.tracks().uniquePeople()));
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
        csv.close();
        mot.close();
        series.write(session.series());
        return new Finished(encoder.frames(), summary.toMap());
    }

    @Override
    public synchronized void close() {
        closed = true;
        detections.close();
        csv.close();
        mot.close();
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
