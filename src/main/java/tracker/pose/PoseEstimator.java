package tracker.pose;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import tracker.decode.VideoFrame;
import tracker.onnx.ExecutionProvider;
import tracker.onnx.OnnxCall;
import tracker.onnx.OnnxModel;
import tracker.onnx.OnnxModels;
import tracker.vision.CocoLabels;
import tracker.vision.Detection;
import tracker.vision.Pose;

/**
 * Top-down multi-person pose: MoveNet on a square crop around each detected person, one crop per inference. One
 * shared session, buffers per calling thread.
 *
 * <p>Crops are not batched: MoveNet's graph hard-codes a batch of 1 in its decode head (so the converter's
 * {@code --batch} cannot change it), and a batch-8 cut of its backbone measured 20 ms against 25 ms for eight
 * single runs with two ORT threads and no gain with one, less than the decode head we would have to rewrite.
 */
public final class PoseEstimator implements AutoCloseable {

    private final OnnxModel<Workspace> model;
    private final MoveNetTranslator translator;
    private final long[] inputShape;

    /** Takes ownership of {@code session}; fails unless it is a MoveNet SinglePose model (192 or 256 input). */
    public PoseEstimator(OrtSession session, String location) {
        long[] shape = OnnxModels.requireInput(session, location, MoveNetTranslator.INPUT, OnnxJavaType.INT32,
                1, -1, -1, 3);
        if (shape[1] <= 0 || shape[1] != shape[2]) {
            throw new IllegalStateException(location + ": expected a fixed square input, got " + shape[1] + "x"
                    + shape[2]);
        }
        this.translator = new MoveNetTranslator((int) shape[1]);
        this.inputShape = new long[] {1, shape[1], shape[2], 3};
        OnnxModels.requireOutput(session, location, MoveNetTranslator.OUTPUT, OnnxJavaType.FLOAT,
                1, 1, MoveNetTranslator.KEYPOINTS, 3);
        this.model = new OnnxModel<>(session, location, Workspace::new);
    }

    /** Opens {@code classpath:models/movenet-lightning.onnx} or a file path; 0 threads = ORT's default. */
    public static PoseEstimator open(String location, int intraOpThreads, ExecutionProvider provider) {
        return OnnxModel.owned(OnnxModels.open(location, intraOpThreads, provider),
                session -> new PoseEstimator(session, location));
    }

    /**
     * Estimates a pose for each of the first {@code maxPersons} person detections (they arrive best score first).
     *
     * @return poses whose {@link Pose#detection()} indexes {@code detections}
     */
    public List<Pose> estimate(VideoFrame frame, List<Detection> detections, int maxPersons) {
        List<Integer> persons = new ArrayList<>();
        for (int i = 0; i < detections.size() && persons.size() < maxPersons; i++) {
            if (detections.get(i).classId() == CocoLabels.PERSON) {
                persons.add(i);
            }
        }
        if (persons.isEmpty()) {
            return List.of();
        }
        Workspace ws = model.workspace();
        List<Pose> poses = new ArrayList<>(persons.size());
        for (int index : persons) {
            PoseCrop crop = translator.crop(detections.get(index));
            translator.preprocess(frame, crop, ws.input, 0);
            model.run(MoveNetTranslator.INPUT, ws.input, inputShape, ws.outputs);
            poses.add(translator.postprocess(ws.output, 0, crop, index));
        }
        return poses;
    }

    @Override
    public void close() {
        model.close();
    }

    private final class Workspace {
        final IntBuffer input = OnnxModels.directInts(translator.inputLength());
        final FloatBuffer output = OnnxModels.directFloats(MoveNetTranslator.outputLength());
        final List<OnnxCall.Output> outputs = List.of(new OnnxCall.Output(MoveNetTranslator.OUTPUT, output,
                new long[] {1, 1, MoveNetTranslator.KEYPOINTS, 3}));
    }
}
