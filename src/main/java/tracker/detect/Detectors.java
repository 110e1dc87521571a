package tracker.detect;

import java.util.List;
import tracker.onnx.ExecutionProvider;
import tracker.onnx.OnnxModel;
import tracker.onnx.OnnxModels;
import tracker.vision.CocoLabels;

/** Opens the configured detector model with the decoder for its format. */
public final class Detectors {

    private Detectors() {
    }

    /**
     * @param location       {@code classpath:models/nanodet.onnx} or a file path
     * @param intraOpThreads ORT threads per run, 0 = ORT's default
     */
    public static ObjectDetector open(DetectorFormat format, String location, int intraOpThreads, float nmsIou,
            ExecutionProvider provider) {
        List<String> labels = CocoLabels.all();
        return OnnxModel.owned(OnnxModels.open(location, intraOpThreads, provider), session -> switch (format) {
            case NANODET -> new NanoDetDetector(session, location, new NanoDetTranslator(labels, nmsIou));
            case YOLOV8 -> YoloDetector.open(session, location, labels, nmsIou);
        });
    }
}
