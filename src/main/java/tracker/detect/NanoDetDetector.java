package tracker.detect;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import tracker.decode.VideoFrame;
import tracker.onnx.OnnxCall;
import tracker.onnx.OnnxModel;
import tracker.onnx.OnnxModels;
import tracker.vision.Detection;

/** NanoDet on ONNX Runtime: its translator bound to the model's tensors. */
public final class NanoDetDetector implements ObjectDetector {

    private final OnnxModel<Workspace> model;
    private final NanoDetTranslator translator;

    /** Takes ownership of {@code session}; fails if its tensors are not NanoDet's. */
    public NanoDetDetector(OrtSession session, String location, NanoDetTranslator translator) {
        this.translator = translator;
        OnnxModels.requireInput(session, location, NanoDetTranslator.INPUT, OnnxJavaType.FLOAT,
                NanoDetTranslator.inputShape());
        for (int level = 0; level < NanoDetTranslator.STRIDES.length; level++) {
            int cells = NanoDetTranslator.cells(NanoDetTranslator.STRIDES[level]);
            OnnxModels.requireOutput(session, location, NanoDetTranslator.SCORE_OUTPUTS.get(level), OnnxJavaType.FLOAT,
                    1, cells, translator.classes());
            OnnxModels.requireOutput(session, location, NanoDetTranslator.BOX_OUTPUTS.get(level), OnnxJavaType.FLOAT,
                    1, cells, NanoDetTranslator.SIDES * NanoDetTranslator.BINS);
        }
        this.model = new OnnxModel<>(session, location, () -> new Workspace(translator.classes()));
    }

    @Override
    public List<Detection> detect(VideoFrame frame, float threshold) {
        Workspace ws = model.workspace();
        translator.preprocess(frame, ws.input);
        model.run(NanoDetTranslator.INPUT, ws.input, NanoDetTranslator.inputShape(), ws.outputs);
        return translator.postprocess(ws.scores, ws.boxes, frame.width(), frame.height(), threshold);
    }

    @Override
    public void close() {
        model.close();
    }

    /** About 2.9 MB of direct buffers, reused for every frame this thread analyses. */
    private static final class Workspace {
        final FloatBuffer input = OnnxModels.directFloats(3 * NanoDetTranslator.INPUT_SIZE
                * NanoDetTranslator.INPUT_SIZE);
        final FloatBuffer[] scores = new FloatBuffer[NanoDetTranslator.STRIDES.length];
        final FloatBuffer[] boxes = new FloatBuffer[NanoDetTranslator.STRIDES.length];
        final List<OnnxCall.Output> outputs = new ArrayList<>();

        Workspace(int classes) {
            int perBox = NanoDetTranslator.SIDES * NanoDetTranslator.BINS;
            for (int level = 0; level < scores.length; level++) {
                int cells = NanoDetTranslator.cells(NanoDetTranslator.STRIDES[level]);
                scores[level] = OnnxModels.directFloats(cells * classes);
                boxes[level] = OnnxModels.directFloats(cells * perBox);
                outputs.add(new OnnxCall.Output(NanoDetTranslator.SCORE_OUTPUTS.get(level), scores[level],
                        new long[] {1, cells, classes}));
                outputs.add(new OnnxCall.Output(NanoDetTranslator.BOX_OUTPUTS.get(level), boxes[level],
                        new long[] {1, cells, perBox}));
            }
        }
    }
}
