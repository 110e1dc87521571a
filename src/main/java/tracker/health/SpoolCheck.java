package tracker.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import tracker.ServiceConfig;

/** Uploads are spooled under {@code tracker.sessions.dir}: it must take a new file (a full or read-only volume fails). */
@Readiness
@ApplicationScoped
public class SpoolCheck implements HealthCheck {

    private final Path dir;

    SpoolCheck(ServiceConfig config) {
        this.dir = config.sessions().dir();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("spool").withData("dir", dir.toString());
        try {
            Path probe = Files.createTempFile(dir, ".ready-", ".probe");
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
            return response.withData("usable_bytes", Files.getFileStore(dir).getUsableSpace()).up().build();
        } catch (IOException | RuntimeException e) {
            return response.withData("error", String.valueOf(e)).down().build();
        }
    }
}
