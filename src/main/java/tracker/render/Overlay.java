package tracker.render;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.Locale;
import tracker.decode.VideoFrame;
import tracker.pose.Skeleton;
import tracker.track.FrameTracks;
import tracker.track.TrackedDetection;
import tracker.track.Trail;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;
import tracker.vision.FrameAnalysis;
import tracker.vision.Keypoint;
import tracker.vision.Pose;

/**
 * Draws an analysis onto its frame, in place: Java2D paints straight into the frame's BGR array. Sizes are in units
 * of 1/480 of the frame height, so the drawing reads the same at 480p and at 1080p. Stateless, thread-safe.
 */
@ApplicationScoped
public class Overlay {

    private static final Color PERSON = new Color(0x00E676);
    private static final Color[] OTHERS = {
        new Color(0xFFB300), new Color(0x29B6F6), new Color(0xEF5350), new Color(0xAB47BC), new Color(0xFFEE58),
        new Color(0x26A69A), new Color(0xEC407A), new Color(0x8D6E63)
    };
    private static final Color LEFT = new Color(0xFF9100);
    private static final Color RIGHT = new Color(0x00B0FF);
    private static final Color CENTRE = new Color(0xEEEEEE);
    private static final Color SHADOW = new Color(0, 0, 0, 160);

    private final float keypointThreshold;

    public Overlay() {
        this(Float.parseFloat(OverlayConfig.KEYPOINT_THRESHOLD));
    }

    @Inject
    public Overlay(OverlayConfig config) {
        this(config.keypointThreshold());
    }

    public Overlay(float keypointThreshold) {
        this.keypointThreshold = keypointThreshold;
    }

    /** Draws boxes with "label score" tags and skeletons; with {@code debug}, timings and counts in the corner. */
    public void draw(VideoFrame frame, FrameAnalysis analysis, boolean debug) {
        draw(frame, analysis, FrameTracks.NONE, debug);
    }

    /** As above, with each tracked box tagged "label #id score" and a trail of the track's recent centres. */
    public void draw(VideoFrame frame, FrameAnalysis analysis, FrameTracks tracks, boolean debug) {
        if (!debug && analysis.detections().isEmpty() && analysis.poses().isEmpty() && tracks.trails().isEmpty()) {
            return;
        }
        Graphics2D g = FrameImage.wrap(frame).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            float unit = Math.max(1f, frame.height() / 480f);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(12 * unit)));
            List<Detection> detections = analysis.detections();
            for (Trail trail : tracks.trails()) {
                drawTrail(g, trail, unit);
            }
            for (Pose pose : analysis.poses()) {
                drawSkeleton(g, pose, skeletonUnit(detections, pose, unit));
            }
            // worst first, so where tags overlap the best detection's stays readable
            for (int i = detections.size() - 1; i >= 0; i--) {
                drawBox(g, detections.get(i), tracks.trackOf(i), unit, frame.width());
            }
            if (debug) {
                drawStats(g, analysis, unit);
            }
        } finally {
            g.dispose();
        }
    }

    private void drawBox(Graphics2D g, Detection d, int track, float unit, int frameWidth) {
        Color color = colorOf(d);
        g.setColor(color);
        g.setStroke(new BasicStroke(2f * unit));
        g.draw(new Rectangle2D.Float(d.x1(), d.y1(), d.width(), d.height()));

        String id = track == TrackedDetection.NO_TRACK ? "" : " #" + track;
        String tag = d.label() + id + " " + String.format(Locale.ROOT, "%.2f", d.score());
        FontMetrics fm = g.getFontMetrics();
        float pad = 2f * unit;
        float tw = fm.stringWidth(tag) + 2 * pad;
        float th = fm.getAscent() + fm.getDescent();
        float x = Math.min(Math.max(0, d.x1() - unit), Math.max(0, frameWidth - tw));
        // above the box, or inside its top edge when the box touches the top of the frame
        float y = d.y1() - th >= 0 ? d.y1() - th : d.y1();
        g.fill(new Rectangle2D.Float(x, y, tw, th));
        g.setColor(Color.BLACK);
        g.drawString(tag, x + pad, y + fm.getAscent());
    }

    /** The path a track took over its last frames, fading towards the past. */
    private static void drawTrail(Graphics2D g, Trail trail, float unit) {
        List<Trail.Point> centres = trail.centres();
        Color base = trail.classId() == CocoLabels.PERSON ? PERSON : OTHERS[Math.floorMod(trail.classId(), OTHERS.length)];
        g.setStroke(new BasicStroke(2f * unit, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 1; i < centres.size(); i++) {
            int alpha = 60 + 195 * i / centres.size();
            g.setColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), alpha));
            Trail.Point a = centres.get(i - 1);
            Trail.Point b = centres.get(i);
            g.draw(new Line2D.Float(a.x(), a.y(), b.x(), b.y()));
        }
    }

    /** Thinner limbs and smaller joints for people far away, so a small figure is not buried under its dots. */
    private static float skeletonUnit(List<Detection> detections, Pose pose, float unit) {
        if (pose.detection() < 0 || pose.detection() >= detections.size()) {
            return unit;
        }
        float personHeight = detections.get(pose.detection()).height();
        return unit * Math.max(0.4f, Math.min(1f, personHeight / (150f * unit)));
    }

    private void drawSkeleton(Graphics2D g, Pose pose, float unit) {
        List<Keypoint> kp = pose.keypoints();
        g.setStroke(new BasicStroke(2.5f * unit, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] edge : Skeleton.EDGES) {
            if (edge[0] >= kp.size() || edge[1] >= kp.size()) {
                continue;
            }
            Keypoint a = kp.get(edge[0]);
            Keypoint b = kp.get(edge[1]);
            if (a.score() > keypointThreshold && b.score() > keypointThreshold) {
                g.setColor(sideColor(Skeleton.side(edge[0]) + Skeleton.side(edge[1])));
                g.draw(new Line2D.Float(a.x(), a.y(), b.x(), b.y()));
            }
        }
        float r = 3f * unit;
        g.setStroke(new BasicStroke(unit));
        for (int i = 0; i < kp.size(); i++) {
            Keypoint k = kp.get(i);
            if (k.score() > keypointThreshold) {
                Ellipse2D.Float dot = new Ellipse2D.Float(k.x() - r, k.y() - r, 2 * r, 2 * r);
                g.setColor(sideColor(Skeleton.side(i)));
                g.fill(dot);
                g.setColor(Color.BLACK);
                g.draw(dot);
            }
        }
    }

    private void drawStats(Graphics2D g, FrameAnalysis analysis, float unit) {
        long persons = analysis.detections().stream().filter(d -> d.classId() == CocoLabels.PERSON).count();
        String text = String.format(Locale.ROOT, "detect %.1f ms  pose %.1f ms  persons %d  objects %d",
                analysis.detectNanos() / 1e6, analysis.poseNanos() / 1e6, persons, analysis.detections().size());
        FontMetrics fm = g.getFontMetrics();
        float pad = 4f * unit;
        g.setColor(SHADOW);
        g.fill(new Rectangle2D.Float(0, 0, fm.stringWidth(text) + 2 * pad, fm.getHeight() + 2 * pad));
        g.setColor(Color.WHITE);
        g.drawString(text, pad, pad + fm.getAscent());
    }

    private static Color colorOf(Detection d) {
        return d.classId() == CocoLabels.PERSON ? PERSON : OTHERS[Math.floorMod(d.classId(), OTHERS.length)];
    }

    /** Orange for the body's left, blue for its right, white for edges crossing the middle. */
    private static Color sideColor(int side) {
        return side < 0 ? LEFT : side > 0 ? RIGHT : CENTRE;
    }
}
