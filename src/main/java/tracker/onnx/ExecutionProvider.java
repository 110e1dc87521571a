package tracker.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;

/**
 * Where ONNX Runtime runs the models ({@code tracker.analysis.execution-provider}). CPU works with the default build;
 * CUDA needs the {@code -Pgpu} build (com.microsoft.onnxruntime:onnxruntime_gpu) and an NVIDIA driver with the CUDA
 * and cuDNN libraries that ONNX Runtime release was built against. Asking for CUDA where it cannot run stops the
 * start-up with the reason, rather than quietly running on the CPU.
 */
public enum ExecutionProvider {
    CPU,
    CUDA;

    void configure(OrtSession.SessionOptions options) {
        if (this == CPU) {
            return;
        }
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        if (!available.contains(OrtProvider.CUDA)) {
            throw new IllegalStateException("tracker.analysis.execution-provider=cuda, but this build's ONNX Runtime"
                    + " has only " + available + ". Build with ./mvnw -Pgpu package (onnxruntime_gpu), or set it to cpu.");
        }
        try {
            options.addCUDA(0);
        } catch (OrtException e) {
            throw new IllegalStateException("tracker.analysis.execution-provider=cuda, but ONNX Runtime cannot start"
                    + " CUDA: " + e.getMessage() + ". Check the NVIDIA driver (nvidia-smi) and that the CUDA and cuDNN"
                    + " libraries ONNX Runtime needs are on the library path (LD_LIBRARY_PATH).", e);
        }
    }
}
