package tracker;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package layers of the main code, top to bottom (README, "Architecture"). A package may use the packages on the
 * floors below its own, never one on its own floor or above; and no packages may form a cycle. Checked on the compiled
 * classes, so every real reference counts (imports, fully qualified names, signatures), javadoc links do not.
 */
class LayersTest {

    /** Floors, top first; "tracker" alone is the root package (ServiceConfig, Rejected, InputProblem). */
    static final String[][] FLOORS = {
        {"api"},
        {"health", "ingest"},
        {"ops"},
        {"pipeline"},
        {"render", "analyze"},
        {"detect", "pose", "export", "metrics"},
        {"track", "session", "encode", "onnx"},
        {"decode"},
        {"spool", "progress", "vision"},
        {"tracker"},
    };

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("tracker");

    @Test
    void noPackageUsesOneOnItsOwnFloorOrAbove() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String[] floor : FLOORS) {
            for (String layer : floor) {
                layers = layers.layer(layer).definedBy(layer.equals("tracker") ? "tracker" : "tracker." + layer + "..");
            }
        }
        List<String> above = new ArrayList<>();
        for (String[] floor : FLOORS) {
            for (String layer : floor) {
                layers = above.isEmpty()
                        ? layers.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(layer).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
            above.addAll(Arrays.asList(floor));
        }
        layers.check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("tracker.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
