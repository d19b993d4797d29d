package dev.byok.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where this repository's built service jars are: {@code <module>/target/<module>.jar} under the repository root. */
public final class RepoLayout {

    private RepoLayout() {
    }

    public static Path root() {
        String configured = System.getProperty("byok.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("llm-worker"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("run this from inside the byok-review repository (or set -Dbyok.repo.root)");
    }

    public static Path serviceJar(String module) {
        Path jar = root().resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -DskipTests package");
        }
        return jar;
    }
}
