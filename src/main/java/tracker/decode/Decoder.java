package tracker.decode;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.quarkus.logging.Log;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/** libavcodec's send-packet / receive-frames loop over one demuxed stream, drained with a null packet at the end. */
final class Decoder implements AutoCloseable {

    private static final int MAX_CORRUPT_PACKETS = 100;

    private final Demuxer demuxer;
    private final AVCodecContext codec;
    private final AVFrame frame;
    private boolean draining;
    private int corruptPackets;

    Decoder(Demuxer demuxer, int threads) {
        this.demuxer = demuxer;
        AVStream stream = demuxer.stream();
        AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
        if (decoder == null || decoder.isNull()) {
            throw new MediaException("no decoder for " + demuxer.info().codec());
        }
        codec = avcodec_alloc_context3(decoder);
        frame = av_frame_alloc();
        try {
            FFmpeg.check(avcodec_parameters_to_context(codec, stream.codecpar()), "bad codec parameters");
            codec.pkt_timebase(stream.time_base());
            codec.thread_count(threads);
            FFmpeg.check(avcodec_open2(codec, decoder, (AVDictionary) null), "cannot open the " + demuxer.info().codec() + " decoder");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Decodes until one frame is out.
     *
     * @return the decoded frame, valid until the next call, or null when the stream is over
     */
    AVFrame next() {
        while (true) {
            int ret = avcodec_receive_frame(codec, frame);
            if (ret >= 0) {
                return frame;
            }
            if (ret == AVERROR_EOF) {
                return null;
            }
            if (ret != FFmpeg.AVERROR_EAGAIN) {
                FFmpeg.check(ret, "cannot decode the video");
            }
            AVPacket packet = draining ? null : demuxer.next();
            draining = packet == null;
            ret = avcodec_send_packet(codec, packet);
            if (ret < 0 && ret != FFmpeg.AVERROR_EAGAIN && ret != AVERROR_EOF) {
                // A damaged packet costs one picture, as with the ffmpeg tool; a stream of them is a broken file.
                if (++corruptPackets > MAX_CORRUPT_PACKETS) {
                    FFmpeg.check(ret, "too many undecodable packets");
                }
                Log.debugf("skipping an undecodable packet: %s", FFmpeg.describe(ret));
            }
        }
    }

    static long timestamp(AVFrame frame) {
        long pts = frame.best_effort_timestamp();
        return pts == AV_NOPTS_VALUE ? frame.pts() : pts;
    }

    @Override
    public void close() {
        av_frame_free(frame);
        avcodec_free_context(codec);
    }
}
