package io.agentplatform.config;

import java.nio.file.Path;

/**
 * A stack or project file that is not valid YAML: one message naming the file, line and column of the first error
 * and what the parser expected, so the plan reports it like every other configuration problem (exit 2, no stack
 * trace).
 */
public final class StackFileSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public StackFileSyntaxException(Path file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": not valid YAML: " + problem
                + " (fix the file; nothing was planned or written)");
    }
}
