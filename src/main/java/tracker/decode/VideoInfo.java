package tracker.decode;

/**
 * What the container header says about the video stream.
 *
 * @param fpsNum       frame rate as a rational, so the output keeps it exactly
 * @param duration     seconds, or null when the header does not say
 * @param totalFrames  frame count, or null while it is unknown
 * @param exactFrames  whether {@code totalFrames} is the container's own count rather than duration × fps
 */
public record VideoInfo(String container, String codec, int width, int height, int fpsNum, int fpsDen,
                        Double duration, Long totalFrames, boolean exactFrames) {

    public double fps() {
        return (double) fpsNum / fpsDen;
    }

    public VideoInfo withTotalFrames(long frames) {
        return new VideoInfo(container, codec, width, height, fpsNum, fpsDen, duration, frames, true);
    }
}
