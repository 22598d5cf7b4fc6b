package org.careid.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (failsafe): the packaged server, {@code target/quarkus-app}, carries none of
 * the evaluation tools compiled from src/eval into {@code target/eval-classes}.
 */
class ServerPackagingIT {

    private static final Path APP = Path.of("target/quarkus-app");
    private static final Path TOOLS = Path.of("target/eval-classes");

    @Test
    void packagedServerHoldsNoToolClass() throws IOException {
        assertTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")), "no packaged server under " + APP);
        Set<String> toolClasses;
        try (Stream<Path> files = Files.walk(TOOLS)) {
            toolClasses = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> TOOLS.relativize(f).toString().replace('\\', '/')).collect(Collectors.toSet());
        }
        assertFalse(toolClasses.isEmpty(), "no tool classes under " + TOOLS + ": the tools source set was not compiled");

        List<String> shipped = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    j.stream().map(e -> e.getName()).filter(toolClasses::contains)
                            .forEach(name -> shipped.add(APP.relativize(jar) + "!" + name));
                }
            }
        }
        assertTrue(shipped.isEmpty(), "evaluation classes in the packaged server: " + shipped);
    }
}
