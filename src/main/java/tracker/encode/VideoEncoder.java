package tracker.encode;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.quarkus.logging.Log;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import tracker.decode.FFmpeg;
import tracker.decode.MediaException;
import tracker.decode.VideoFrame;

/**
 * Encodes BGR frames into a video file in-process: one output frame per input frame, at the source frame rate,
 * timestamps counted in frames so a variable-rate source becomes a constant-rate result with every frame kept.
 */
public final class VideoEncoder implements AutoCloseable {

    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final AVStream stream;
    private final AVFrame picture;
    private final AVPacket packet;
    private final SwsContext sws;
    private final BytePointer bgr;
    private final PointerPointer<BytePointer> bgrPlanes;
    private final IntPointer bgrStrides;
    private final int width;
    private final int height;
    private long frames;
    private boolean finished;

    /**
     * Frame sizes are made even (H.264 4:2:0 needs it) by scaling the last odd row/column away, and frames larger
     * than the encoder takes are scaled down, keeping their aspect ratio, to the largest size it takes.
     */
    public VideoEncoder(Path file, EncoderSettings settings, int width, int height, int fpsNum, int fpsDen) {
        this.width = width;
        this.height = height;
        int[] out = outputSize(width, height, settings.maxMacroblocks());
        int outWidth = out[0];
        int outHeight = out[1];
        if (outWidth < (width & ~1)) {
            Log.infof("%dx%d frames are more than %s encodes; the result is %dx%d", width, height, settings.codec(),
                    outWidth, outHeight);
        }
        AVCodec encoder = avcodec_find_encoder_by_name(settings.codec());
        if (encoder == null || encoder.isNull()) {
            throw new MediaException("encoder " + settings.codec() + " is not in this FFmpeg build");
        }
        format = new AVFormatContext(null);
        FFmpeg.check(avformat_alloc_output_context2(format, null, settings.container(), file.toString()), "output format");
        codec = avcodec_alloc_context3(encoder);
        picture = av_frame_alloc();
        packet = av_packet_alloc();
        bgr = new BytePointer((long) width * height * 3 + 64);
        bgrPlanes = new PointerPointer<>(bgr, null, null, null);
        bgrStrides = new IntPointer(new int[] {width * 3, 0, 0, 0});
        sws = sws_getContext(width, height, AV_PIX_FMT_BGR24, outWidth, outHeight, AV_PIX_FMT_YUV420P, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        try {
            stream = avformat_new_stream(format, null);
            codec.width(outWidth).height(outHeight).pix_fmt(AV_PIX_FMT_YUV420P);
            codec.time_base(av_make_q(fpsDen, fpsNum)).framerate(av_make_q(fpsNum, fpsDen));
            codec.gop_size(Math.max(1, 2 * fpsNum / fpsDen));
            codec.max_b_frames(0);
            codec.bit_rate(Math.max(200_000L, Math.round(settings.bitsPerPixel() * outWidth * outHeight * fpsNum / fpsDen)));
            if ((format.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
                codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            }
            FFmpeg.check(avcodec_open2(codec, encoder, (AVDictionary) null), "cannot open encoder " + settings.codec());
            FFmpeg.check(avcodec_parameters_from_context(stream.codecpar(), codec), "encoder parameters");
            stream.time_base(codec.time_base());
            stream.avg_frame_rate(codec.framerate());
            picture.format(AV_PIX_FMT_YUV420P).width(outWidth).height(outHeight);
            FFmpeg.check(av_frame_get_buffer(picture, 0), "frame buffer");
            AVIOContext io = new AVIOContext(null);
            FFmpeg.check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "cannot create " + file.getFileName());
            format.pb(io);
            writeHeader(settings.muxerOptions());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** An even size within {@code maxMacroblocks} 16x16 blocks, as large as possible with the input's aspect ratio. */
    static int[] outputSize(int width, int height, long maxMacroblocks) {
        double scale = Math.min(1, Math.sqrt(maxMacroblocks * 256.0 / ((double) width * height)));
        while (true) {
            int w = Math.max(2, (int) (width * scale) & ~1);
            int h = Math.max(2, (int) (height * scale) & ~1);
            if ((long) ((w + 15) / 16) * ((h + 15) / 16) <= maxMacroblocks || w == 2 && h == 2) {
                return new int[] {w, h};
            }
            scale *= 0.995;
        }
    }

    public void write(VideoFrame frame) {
        if (frame.width() != width || frame.height() != height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", encoder " + width + "x" + height);
        }
        bgr.put(frame.bgr(), 0, width * height * 3);
        FFmpeg.check(av_frame_make_writable(picture), "frame not writable");
        sws_scale(sws, bgrPlanes, bgrStrides, 0, height, picture.data(), picture.linesize());
        picture.pts(frames++);
        send(picture);
    }

    public long frames() {
        return frames;
    }

    /** Flushes the encoder and writes the trailer (for +faststart: moves the index to the front). */
    public void finish() {
        if (!finished) {
            finished = true;
            send(null);
            FFmpeg.check(av_write_trailer(format), "cannot finish the output file");
        }
    }

    @Override
    public void close() {
        if (!format.isNull()) {
            if (format.pb() != null && !format.pb().isNull()) {
                avio_closep(format.pb());
            }
            avformat_free_context(format);
        }
        avcodec_free_context(codec);
        av_frame_free(picture);
        av_packet_free(packet);
        sws_freeContext(sws);
        bgrStrides.close();
        bgrPlanes.close();
        bgr.close();
    }

    private void writeHeader(Map<String, String> options) {
        AVDictionary dict = new AVDictionary(null);
        options.forEach((k, v) -> av_dict_set(dict, k, v, 0));
        try {
            FFmpeg.check(avformat_write_header(format, dict), "cannot write the output header");
        } finally {
            av_dict_free(dict);
        }
    }

    private void send(AVFrame frame) {
        FFmpeg.check(avcodec_send_frame(codec, frame), "cannot encode");
        while (true) {
            int ret = avcodec_receive_packet(codec, packet);
            if (ret == FFmpeg.AVERROR_EAGAIN || ret == AVERROR_EOF) {
                return;
            }
            FFmpeg.check(ret, "cannot encode");
            av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            int written = av_interleaved_write_frame(format, packet);
            av_packet_unref(packet);
            FFmpeg.check(written, "cannot write the output");
        }
    }
}
