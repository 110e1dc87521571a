package tracker.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every endpoint is in the OpenAPI document: the REST resources (generated) and the raw Vert.x routes (openapi.yaml). */
@QuarkusTest
class OpenApiTest {

    @Inject
    RouterCapture routes;

    @Test
    void everyRawRouteIsDocumented() throws Exception {
        Set<String> documented = operations();
        List<String> raw = new ArrayList<>();
        for (Route route : routes.router().getRoutes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || route.methods() == null) {
                continue;
            }
            for (HttpMethod method : route.methods()) {
                raw.add(method.name().toLowerCase(Locale.ROOT) + " " + path.replaceAll(":[A-Za-z_]+", "{}"));
            }
        }
        assertFalse(raw.isEmpty(), "the raw routes were found");
        for (String operation : raw) {
            assertTrue(documented.contains(operation), operation + " is not in the OpenAPI document: " + documented);
        }
    }

    @Test
    void everyEndpointOfTheApiIsDocumented() throws Exception {
        Set<String> documented = operations();
        for (String operation : List.of("post /api/upload-chunk", "put /api/sessions/{}/chunks/{}", "get /api/sessions/{}",
                "delete /api/sessions/{}", "get /api/stream-progress/{}", "post /api/analyze-assembled/{}",
                "post /api/analyze-stream", "get /api/sessions/{}/result.mp4", "get /api/sessions/{}/detections.json",
                "get /api/sessions/{}/tracks.csv", "get /api/sessions/{}/tracks.mot.txt")) {
            assertTrue(documented.contains(operation), operation + " in " + documented);
        }
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    /** "method /path" with path parameters written {}, for every operation in /q/openapi. */
    private static Set<String> operations() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode paths = new ObjectMapper().readTree(json).get("paths");
        Set<String> operations = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                operations.add(method + " " + path.getKey().replaceAll("\\{[^}]+}", "{}"))));
        return operations;
    }
}
