package io.agentplatform.config;

import java.util.List;
import java.util.stream.Collectors;

/** Raised before any resource is registered when the configuration has one or more problems; lists them all. */
public final class InvalidConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(String stack, List<ConfigProblem> problems) {
        super("Stack '" + stack + "' has " + problems.size() + " configuration problem(s):\n"
                + problems.stream().map(p -> "  - " + p.message()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
