package tracker.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.Buffer;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One loaded model: it owns the ONNX Runtime session, shared by every thread (OrtSession.run is thread-safe), and
 * one workspace of direct buffers per calling thread. A model class is then a translator plus the tensor names and
 * shapes it binds: the session, the buffers, the inference call and the close are written here once.
 *
 * @param <W> the per-thread buffers of one model family, made lazily on a thread's first call
 */
public final class OnnxModel<W> implements AutoCloseable {

    private final OrtSession session;
    private final String location;
    private final ThreadLocal<W> workspaces;

    /** Takes ownership of {@code session}. */
    public OnnxModel(OrtSession session, String location, Supplier<W> workspace) {
        this.session = session;
        this.location = location;
        this.workspaces = ThreadLocal.withInitial(workspace);
    }

    /**
     * Hands {@code session} to {@code owner} (a model class's constructor, which checks the tensors) and closes it
     * if that fails, so a mismatched model leaks no native session.
     */
    public static <T> T owned(OrtSession session, Function<OrtSession, T> owner) {
        try {
            return owner.apply(session);
        } catch (RuntimeException e) {
            try {
                session.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public OrtSession session() {
        return session;
    }

    /** The calling thread's buffers. */
    public W workspace() {
        return workspaces.get();
    }

    /** One inference from and into the calling thread's buffers (see {@link OnnxCall}). */
    public void run(String inputName, Buffer input, long[] inputShape, List<OnnxCall.Output> outputs) {
        try {
            OnnxCall.run(session, inputName, input, inputShape, outputs);
        } catch (OrtException e) {
            throw new IllegalStateException("Inference with " + location + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot close the session of " + location, e);
        }
    }
}
