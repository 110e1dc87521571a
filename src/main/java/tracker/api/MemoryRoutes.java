package tracker.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;

/**
 * {@code GET /api/debug/memory[?gc=true]}: where this process' memory is, for the benchmark's leak check. Registered
 * only when {@code tracker.debug.memory-endpoint=true} (the {@code bench} profile): it is a diagnostic, and a GC on
 * request is nothing to offer the internet.
 */
@ApplicationScoped
public class MemoryRoutes {

    @ConfigMapping(prefix = "tracker.debug")
    public interface DebugConfig {
        @WithDefault("false")
        boolean memoryEndpoint();
    }

    private final boolean enabled;

    MemoryRoutes(DebugConfig config) {
        this.enabled = config.memoryEndpoint();
    }

    void register(@Observes Router router) {
        if (enabled) {
            router.get("/api/debug/memory").handler(rc -> Blocking.call(rc, () -> memory("true".equals(rc.request().getParam("gc"))))
                    .subscribe().with(body -> HttpJson.send(rc, 200, body)));
        }
    }

    private static Map<String, Object> memory(boolean gc) {
        if (gc) {
            System.gc();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> body = new LinkedHashMap<>();
        // JavaCPP's own count of what it allocated (our BytePointers etc.); FFmpeg's and ORT's mallocs are not in it
        body.put("javacpp_total_bytes", Pointer.totalBytes());
        body.put("physical_bytes", Pointer.physicalBytes());
        body.put("heap_used", heap.getUsed());
        body.put("heap_committed", heap.getCommitted());
        body.put("heap_max", heap.getMax());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            body.put(pool.getName().replace(' ', '_') + "_buffers_bytes", pool.getMemoryUsed());
        }
        return body;
    }
}
