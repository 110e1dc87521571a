package tracker.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.configuration.DurationConverter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The hand-written manifests agree with each other and with the application's settings. */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("src/main/kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String NGINX = "nginx.ingress.kubernetes.io/";

    @Test
    void podOutlivesPreStopDrainAndRequestsInFlight() throws IOException {
        JsonNode pod = read("deployment.yaml").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        Duration preStop = Duration.ofSeconds(Long.parseLong(container.path("lifecycle").path("preStop").path("exec")
                .path("command").get(1).asText()));
        Duration grace = duration(env(container, "TRACKER_SHUTDOWN_GRACE"));
        Duration inFlight = duration(properties().getProperty("%prod.quarkus.shutdown.timeout"));
        Duration stages = Duration.ofSeconds(10); // ShutdownDrain.STAGES_STOP
        long budget = pod.path("terminationGracePeriodSeconds").asLong();
        assertTrue(budget > preStop.plus(grace).plus(inFlight).plus(stages).toSeconds(),
                budget + " s for " + preStop + " + " + grace + " + " + inFlight + " + " + stages);
        assertTrue(preStop.toSeconds() >= 3, "the endpoint removal needs a few seconds to reach the ingress");
    }

    @Test
    void probesUseTheHealthEndpointsAndSessionsLiveOnTheVolume() throws IOException {
        JsonNode container = read("deployment.yaml").path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());
        String sessions = env(container, "TRACKER_SESSIONS_DIR");
        boolean onVolume = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            onVolume |= sessions.startsWith(mount.path("mountPath").asText() + "/");
        }
        assertTrue(onVolume, sessions + " is on a mounted volume");
        assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
    }

    @Test
    void ingressHashesOnTheSessionKeyAndStreams() throws IOException {
        JsonNode annotations = read("ingress.yaml").path("metadata").path("annotations");
        String key = annotations.path(NGINX + "upstream-hash-by").asText();
        String snippet = read("ingress-nginx-configmap.yaml").path("data").path("http-snippet").asText();
        assertTrue(key.startsWith("$") && snippet.contains("map $uri " + key + " {"), key + " is defined by the http-snippet");
        assertTrue(megabytes(annotations.path(NGINX + "proxy-body-size").asText()) >= 2, "a 1 MiB chunk plus multipart");
        assertEquals("off", annotations.path(NGINX + "proxy-request-buffering").asText());
        assertEquals("off", annotations.path(NGINX + "proxy-buffering").asText());
        Duration keepalive = duration(properties().getProperty("tracker.progress.keepalive", "15s"));
        for (String timeout : new String[] {"proxy-read-timeout", "proxy-send-timeout"}) {
            assertTrue(annotations.path(NGINX + timeout).asLong() > 4 * keepalive.toSeconds(), timeout);
        }
    }

    @Test
    void serviceAutoscalerAndBudgetPointAtTheDeployment() throws IOException {
        JsonNode deployment = read("deployment.yaml");
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        read("service.yaml").path("spec").path("selector").fields()
                .forEachRemaining(e -> assertEquals(e.getValue(), labels.path(e.getKey()), "service selector " + e.getKey()));
        read("pdb.yaml").path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> assertEquals(e.getValue(), labels.path(e.getKey()), "pdb selector " + e.getKey()));
        JsonNode target = read("hpa.yaml").path("spec").path("scaleTargetRef");
        assertEquals("Deployment", target.path("kind").asText());
        assertEquals(deployment.path("metadata").path("name"), target.path("name"));
        List<String> metrics = new ArrayList<>();
        read("hpa.yaml").path("spec").path("metrics").forEach(m -> metrics.add(m.path("type").asText() + ":"
                + m.path("resource").path("name").asText() + m.path("pods").path("metric").path("name").asText()));
        assertEquals(List.of("Resource:cpu", "Pods:tracker_sessions_queued"), metrics, "scales on CPU and queued sessions");
        assertEquals(read("service.yaml").path("metadata").path("name").asText(), read("ingress.yaml").path("spec")
                .path("rules").get(0).path("http").path("paths").get(0).path("backend").path("service").path("name").asText());
    }

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(Files.readString(DIR.resolve(file)));
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env.path("value").asText();
            }
        }
        throw new AssertionError(name + " is not set in the Deployment");
    }

    private static Properties properties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    private static Duration duration(String value) {
        return DurationConverter.parseDuration(value);
    }

    private static double megabytes(String size) {
        String unit = size.substring(size.length() - 1).toLowerCase();
        double n = Double.parseDouble(size.substring(0, size.length() - 1));
        return switch (unit) {
            case "k" -> n / 1024;
            case "m" -> n;
            case "g" -> n * 1024;
            default -> Double.parseDouble(size) / (1024 * 1024);
        };
    }
}
