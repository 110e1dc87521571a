package tracker.cloud;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Dockerfile read as Docker reads it (continuation lines joined, comments dropped), and its .dockerignore, so that
 * {@link DockerfilesIT} can check the images without a Docker engine.
 */
record Dockerfile(List<Instruction> instructions, List<String> ignore) {

    record Instruction(String keyword, String arguments) {

        /** The words after the keyword that are not --flags. */
        List<String> words() {
            return Stream.of(arguments.trim().split("\\s+")).filter(w -> !w.startsWith("--")).toList();
        }

        boolean hasFlag(String prefix) {
            return Stream.of(arguments.trim().split("\\s+")).anyMatch(w -> w.startsWith(prefix));
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            String trimmed = raw.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && line.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                line.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            line.append(trimmed);
            String[] parts = line.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
            line.setLength(0);
        }
        Path ignoreFile = file.resolveSibling(file.getFileName() + ".dockerignore");
        List<String> ignore = Files.isRegularFile(ignoreFile) ? Files.readAllLines(ignoreFile).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList() : List.of();
        return new Dockerfile(instructions, ignore);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        if (found.isEmpty()) {
            throw new AssertionError("no " + keyword + " instruction");
        }
        return found.get(found.size() - 1);
    }

    /** The instructions after the last FROM: what the runtime image is made of. */
    Dockerfile finalStage() {
        int from = instructions.lastIndexOf(last("FROM"));
        return new Dockerfile(instructions.subList(from, instructions.size()), ignore);
    }

    /** The value of {@code ENV name=...} (the form these files use), quotes removed. */
    String env(String name) {
        for (Instruction env : all("ENV")) {
            if (env.arguments().startsWith(name + "=")) {
                return env.arguments().substring(name.length() + 1).replaceAll("^\"|\"$", "");
            }
        }
        throw new AssertionError("no ENV " + name);
    }

    /**
     * Whether the build context keeps this path (relative, with '/'). Docker's rule: the last pattern that matches
     * the path or one of its parent folders decides, and a pattern starting with '!' keeps.
     */
    boolean sendsToContext(String path) {
        boolean kept = true;
        for (String pattern : ignore) {
            boolean keep = pattern.startsWith("!");
            String glob = (keep ? pattern.substring(1) : pattern).replaceAll("/+$", "");
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            Path candidate = Path.of(path);
            for (Path p = candidate; p != null; p = p.getParent()) {
                if (matcher.matches(p)) {
                    kept = keep;
                    break;
                }
            }
        }
        return kept;
    }
}
