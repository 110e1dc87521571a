package tracker.onnx;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

class ExecutionProviderTest {

    static final String MODEL = "classpath:models/movenet-lightning.onnx";

    @Test
    void cpuIsTheDefaultAndLoads() throws Exception {
        try (OrtSession session = OnnxModels.open(MODEL, 1, ExecutionProvider.CPU)) {
            assertNotNull(session.getInputInfo());
        }
    }

    @Test
    void cudaWithoutTheGpuBuildStopsWithTheReason() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "this build has CUDA");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OnnxModels.open(MODEL, 1, ExecutionProvider.CUDA));
        assertTrue(e.getMessage().contains("execution-provider=cuda") && e.getMessage().contains("-Pgpu"),
                e.getMessage());
    }
}
