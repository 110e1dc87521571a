package tracker.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One inference on buffers the calling worker owns: the input is wrapped without a copy and ORT writes the outputs
 * straight into the caller's direct buffers (pinned outputs). So the decoders read plain buffers that outlive the
 * {@code Result}, and nothing frame-sized is allocated per call.
 */
public final class OnnxCall {

    /** Where ORT writes one output; {@code buffer} must be direct and hold exactly {@code shape}'s elements. */
    public record Output(String name, FloatBuffer buffer, long[] shape) {
    }

    private OnnxCall() {
    }

    /** @param input a direct FloatBuffer or IntBuffer holding exactly {@code inputShape}'s elements */
    public static void run(OrtSession session, String inputName, Buffer input, long[] inputShape,
            List<Output> outputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OnnxTensor> opened = new ArrayList<>(outputs.size() + 1);
        try {
            OnnxTensor in = wrap(env, input, inputShape);
            opened.add(in);
            Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
            for (Output output : outputs) {
                OnnxTensor tensor = OnnxTensor.createTensor(env, output.buffer(), output.shape());
                opened.add(tensor);
                pinned.put(output.name(), tensor);
            }
            try (OrtSession.Result ignored = session.run(Map.of(inputName, in), pinned)) {
                // the outputs are already in the caller's buffers; the Result owns none of them
            }
        } finally {
            for (OnnxTensor tensor : opened) {
                tensor.close();
            }
        }
    }

    private static OnnxTensor wrap(OrtEnvironment env, Buffer input, long[] shape) throws OrtException {
        if (input instanceof FloatBuffer floats) {
            return OnnxTensor.createTensor(env, floats, shape);
        }
        if (input instanceof IntBuffer ints) {
            return OnnxTensor.createTensor(env, ints, shape);
        }
        throw new IllegalArgumentException("Unsupported input buffer " + input.getClass().getName());
    }
}
