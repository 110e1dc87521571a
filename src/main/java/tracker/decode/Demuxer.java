package tracker.decode;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import tracker.spool.Spool;

/**
 * Opens a spool as a container and hands out the packets of its best video stream. Only the demuxers of the
 * containers we accept may probe the bytes, and no protocol may be opened from inside a file (references in
 * HLS playlists, concat lists, MOV data references).
 */
public final class Demuxer implements AutoCloseable {

    /** FFmpeg's names of the mov, AVI and Matroska demuxers: MP4/MOV, AVI, WebM/MKV. */
    static final String ALLOWED_DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,avi,matroska,webm";

    private final SpoolInput input;
    private AVFormatContext format;
    private final AVPacket packet;
    private final int streamIndex;
    private final VideoInfo info;

    public Demuxer(Spool spool) {
        input = new SpoolInput(spool);
        packet = av_packet_alloc();
        try {
            format = open(input);
            FFmpeg.check(avformat_find_stream_info(format, (AVDictionary) null), "cannot read the stream parameters");
            streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (streamIndex < 0) {
                throw new MediaException("the file has no video stream");
            }
            for (int i = 0; i < format.nb_streams(); i++) {
                if (i != streamIndex) {
                    format.streams(i).discard(AVDISCARD_ALL);
                }
            }
            info = describe(format, format.streams(streamIndex));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public VideoInfo info() {
        return info;
    }

    AVStream stream() {
        return format.streams(streamIndex);
    }

    /**
     * Reads the next packet of the video stream into the shared packet, which stays valid until the next call.
     *
     * @return the packet, or null at the end of the file
     */
    AVPacket next() {
        while (true) {
            av_packet_unref(packet);
            int ret = av_read_frame(format, packet);
            if (ret == AVERROR_EOF) {
                return null;
            }
            FFmpeg.check(ret, "cannot read the file");
            if (packet.stream_index() == streamIndex) {
                return packet;
            }
        }
    }

    /** Counts the remaining video packets: one per frame. */
    public long countFrames() {
        long frames = 0;
        while (next() != null) {
            frames++;
        }
        return frames;
    }

    @Override
    public void close() {
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        av_packet_free(packet);
        input.close();
    }

    private static AVFormatContext open(SpoolInput input) {
        AVFormatContext format = avformat_alloc_context();
        format.pb(input.context());
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "format_whitelist", ALLOWED_DEMUXERS, 0);
        av_dict_set(options, "protocol_whitelist", "none", 0);
        // Stream parameters come from the header; analysing seconds of packets would wait for chunks not yet sent.
        av_dict_set(options, "analyzeduration", "500000", 0);
        av_dict_set(options, "fpsprobesize", "3", 0);
        // With a seekable input of unknown size the mov demuxer scans every top-level atom before returning the
        // header, i.e. waits for the whole upload; "ignidx" makes it stop once it has moov and mdat, as it does
        // on a pipe, while seeks (to a moov at the end) still work.
        av_dict_set(options, "fflags", "+ignidx", 0);
        try {
            // On failure avformat_open_input frees the context (not our AVIOContext) and nulls the pointer.
            FFmpeg.check(avformat_open_input(format, (String) null, null, options),
                    "not a supported video (MP4, MOV, AVI, WebM or MKV)");
            return format;
        } finally {
            av_dict_free(options);
        }
    }

    private static VideoInfo describe(AVFormatContext format, AVStream stream) {
        AVCodecParameters par = stream.codecpar();
        AVRational rate = stream.avg_frame_rate().num() > 0 ? stream.avg_frame_rate() : stream.r_frame_rate();
        int fpsNum = rate.num() > 0 ? rate.num() : 25;
        int fpsDen = rate.num() > 0 ? rate.den() : 1;
        Double duration = null;
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            duration = stream.duration() * av_q2d(stream.time_base());
        } else if (format.duration() != AV_NOPTS_VALUE && format.duration() > 0) {
            duration = format.duration() / (double) AV_TIME_BASE;
        }
        Long frames = stream.nb_frames() > 0 ? stream.nb_frames() : null;
        boolean exact = frames != null;
        String container = format.iformat().name().getString();
        // A fragmented MP4's "duration" covers only the fragments read so far, and a bitrate guess is no count:
        // better null (unknown) than a wrong total until the whole upload can be counted.
        boolean headerDuration = !container.startsWith("mov")
                && format.duration_estimation_method() != AVFMT_DURATION_FROM_BITRATE;
        if (frames == null && duration != null && headerDuration) {
            frames = Math.round(duration * fpsNum / fpsDen);
        }
        return new VideoInfo(container, avcodec_get_name(par.codec_id()).getString(), par.width(), par.height(),
                fpsNum, fpsDen, duration, frames, exact);
    }
}
