package tracker.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Opens ONNX models and checks their tensors against what our decoders assume, so a wrong or missing file fails at
 * start-up with a message naming the file and the tensor, not on the first frame with an index error.
 */
public final class OnnxModels {

    /** Prefix of a model location inside the application (the bundled models); anything else is a file path. */
    public static final String CLASSPATH = "classpath:";

    private OnnxModels() {
    }

    /**
     * One session per model, shared by all threads (OrtSession.run is thread-safe).
     *
     * @param intraOpThreads threads ORT may use inside one run; 0 lets ORT pick (one per physical core)
     */
    public static OrtSession open(String location, int intraOpThreads, ExecutionProvider provider) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            provider.configure(options);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            // Idle ORT workers would otherwise busy-wait between runs, taking CPU from decode and encode.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (location.startsWith(CLASSPATH)) {
                return env.createSession(readResource(location.substring(CLASSPATH.length())), options);
            }
            Path path = Path.of(location);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("Model file not found: " + path.toAbsolutePath());
            }
            return env.createSession(path.toString(), options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load model " + location + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readResource(String resource) {
        try (InputStream in = OnnxModels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Model not found on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model " + resource, e);
        }
    }

    /** Shape of a named input, after checking its element type and dimensions (-1 = any). */
    public static long[] requireInput(OrtSession session, String model, String name, OnnxJavaType type,
            long... shape) {
        try {
            return require(session.getInputInfo(), model, "input", name, type, shape);
        } catch (OrtException e) {
            throw new IllegalStateException(model + ": cannot read inputs: " + e.getMessage(), e);
        }
    }

    /** Shape of a named output, after checking its element type and dimensions (-1 = any). */
    public static long[] requireOutput(OrtSession session, String model, String name, OnnxJavaType type,
            long... shape) {
        try {
            return require(session.getOutputInfo(), model, "output", name, type, shape);
        } catch (OrtException e) {
            throw new IllegalStateException(model + ": cannot read outputs: " + e.getMessage(), e);
        }
    }

    private static long[] require(Map<String, NodeInfo> infos, String model, String kind, String name,
            OnnxJavaType type, long[] shape) {
        NodeInfo node = infos.get(name);
        if (node == null || !(node.getInfo() instanceof TensorInfo info)) {
            throw new IllegalStateException(model + ": no tensor " + kind + " '" + name + "' (has " + infos.keySet()
                    + "); is it the model this decoder expects?");
        }
        long[] actual = info.getShape();
        boolean ok = info.type == type && actual.length == shape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            // a dynamic dimension (-1) in the model accepts the size we feed
            ok = shape[i] < 0 || actual[i] < 0 || actual[i] == shape[i];
        }
        if (!ok) {
            throw new IllegalStateException(model + ": " + kind + " '" + name + "' is " + info.type + " "
                    + Arrays.toString(actual) + ", the decoder expects " + type + " " + Arrays.toString(shape)
                    + " (-1 = any)");
        }
        return actual;
    }

    /** A direct, native-order buffer: ONNX Runtime reads and writes it in place, without a copy. */
    public static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(count * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    public static IntBuffer directInts(int count) {
        return ByteBuffer.allocateDirect(count * Integer.BYTES).order(ByteOrder.nativeOrder()).asIntBuffer();
    }
}
