package io.agentplatform.agentservice.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret given either inline (an environment variable) or as a file path. A file is re-read on
 * every {@link #value()} call so that a rotated Kubernetes Secret volume takes effect without a
 * restart. {@link #toString()} never reveals the value.
 */
public final class Secret {

    private final String inlineValue;
    private final Path file;

    private Secret(String inlineValue, Path file) {
        this.inlineValue = inlineValue;
        this.file = file;
    }

    public static Secret inline(String value) {
        return new Secret(value, null);
    }

    public static Secret fromFile(Path file) {
        return new Secret(null, file);
    }

    /** The current value; for a file, its content without the trailing newline that editors and kubectl add. */
    public String value() {
        if (file == null) {
            return inlineValue;
        }
        try {
            return stripTrailingNewlines(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    public boolean isFile() {
        return file != null;
    }

    public Path file() {
        return file;
    }

    private static String stripTrailingNewlines(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    @Override
    public String toString() {
        return file == null ? "Secret[inline, ****]" : "Secret[file=" + file + "]";
    }
}
