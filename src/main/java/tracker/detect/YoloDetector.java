package tracker.detect;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import tracker.decode.VideoFrame;
import tracker.onnx.OnnxCall;
import tracker.onnx.OnnxModel;
import tracker.onnx.OnnxModels;
import tracker.vision.Detection;

/** A YOLOv8 / YOLO11 detection export on ONNX Runtime: one shared session, buffers per calling thread. */
public final class YoloDetector implements ObjectDetector {

    private static final int[] STRIDES = {8, 16, 32};

    private final OnnxModel<Workspace> model;
    private final YoloTranslator translator;
    private final String inputName;
    private final String outputName;
    private final int anchors;

    /**
     * Takes ownership of {@code session}; reads the input size from the model (640 when dynamic) and fails unless
     * it has one image input and one [1, 4 + 80, N] output.
     */
    public static YoloDetector open(OrtSession session, String location, List<String> labels, float nmsIou) {
        if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
            throw new IllegalStateException(location + ": a YOLOv8 detection export has one input and one output, this"
                    + " model has " + session.getInputNames() + " -> " + session.getOutputNames());
        }
        String input = session.getInputNames().iterator().next();
        long[] shape = OnnxModels.requireInput(session, location, input, OnnxJavaType.FLOAT, 1, 3, -1, -1);
        int size = shape[2] > 0 ? (int) shape[2] : YoloTranslator.DEFAULT_INPUT_SIZE;
        if (shape[3] > 0 && shape[3] != size) {
            throw new IllegalStateException(location + ": non-square YOLO input " + shape[2] + "x" + shape[3]);
        }
        return new YoloDetector(session, location, new YoloTranslator(labels, size, nmsIou), input);
    }

    private YoloDetector(OrtSession session, String location, YoloTranslator translator, String inputName) {
        this.translator = translator;
        this.inputName = inputName;
        this.outputName = session.getOutputNames().iterator().next();
        int expected = 0;
        for (int stride : STRIDES) {
            int grid = translator.inputSize() / stride;
            expected += grid * grid;
        }
        this.anchors = expected;
        OnnxModels.requireOutput(session, location, outputName, OnnxJavaType.FLOAT, 1, translator.rows(), anchors);
        this.model = new OnnxModel<>(session, location, Workspace::new);
    }

    @Override
    public List<Detection> detect(VideoFrame frame, float threshold) {
        Workspace ws = model.workspace();
        YoloTranslator.Letterbox box = translator.preprocess(frame, ws.input);
        model.run(inputName, ws.input, translator.inputShape(), ws.outputs);
        return translator.postprocess(ws.output, anchors, box, frame.width(), frame.height(), threshold);
    }

    @Override
    public void close() {
        model.close();
    }

    private final class Workspace {
        final FloatBuffer input = OnnxModels.directFloats(3 * translator.inputSize() * translator.inputSize());
        final FloatBuffer output = OnnxModels.directFloats(translator.rows() * anchors);
        final List<OnnxCall.Output> outputs = List.of(
                new OnnxCall.Output(outputName, output, new long[] {1, translator.rows(), anchors}));
    }
}
