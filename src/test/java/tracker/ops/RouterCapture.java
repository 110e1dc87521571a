package tracker.ops;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Test bean: keeps the application's Vert.x router so a test can list the raw routes. */
@ApplicationScoped
public class RouterCapture {

    private volatile Router router;

    void capture(@Observes Router router) {
        this.router = router;
    }

    public Router router() {
        return router;
    }
}
