package tracker.analyze;

import tracker.decode.VideoFrame;

/**
 * Frigate-style cheap change measure: each frame shrunk to a 64x36 luma thumbnail (2x2 samples a cell, so about
 * 9,000 pixel reads whatever the frame size), compared with the previous frame's as the mean absolute difference in
 * 0..255 levels. People walking in vtest change it by 1-4 levels a frame; a cut to another scene or to black by
 * tens of levels.
 */
final class MotionGate {

    static final int WIDTH = 64;
    static final int HEIGHT = 36;
    /** Mean luma change a frame above which the scene is taken to have changed: the tracks no longer apply. */
    static final double SCENE_CUT = 20;

    private int[] previous;

    /** The change from the previous frame given to this gate, in mean luma levels; 0 for the first frame. */
    double change(VideoFrame frame) {
        int[] thumb = thumbnail(frame);
        int[] before = previous;
        previous = thumb;
        if (before == null) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < thumb.length; i++) {
            sum += Math.abs(thumb[i] - before[i]);
        }
        return (double) sum / thumb.length;
    }

    boolean sceneCut(VideoFrame frame) {
        return change(frame) > SCENE_CUT;
    }

    private static int[] thumbnail(VideoFrame frame) {
        int[] thumb = new int[WIDTH * HEIGHT];
        byte[] bgr = frame.bgr();
        int w = frame.width();
        int h = frame.height();
        for (int ty = 0; ty < HEIGHT; ty++) {
            for (int tx = 0; tx < WIDTH; tx++) {
                int sum = 0;
                for (int s = 0; s < 4; s++) {
                    int x = (int) ((tx + 0.25 + 0.5 * (s & 1)) * w / WIDTH);
                    int y = (int) ((ty + 0.25 + 0.5 * (s >> 1)) * h / HEIGHT);
                    int o = (y * w + x) * 3;
                    // BT.601 luma in 8-bit fixed point: 0.114 B + 0.587 G + 0.299 R.
                    sum += (29 * (bgr[o] & 0xff) + 150 * (bgr[o + 1] & 0xff) + 77 * (bgr[o + 2] & 0xff)) >> 8;
                }
                thumb[ty * WIDTH + tx] = sum >> 2;
            }
        }
        return thumb;
    }
}
