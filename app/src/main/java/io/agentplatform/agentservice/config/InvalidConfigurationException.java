package io.agentplatform.agentservice.config;

import java.util.List;

/** Thrown at startup when one or more environment variables are invalid; the message lists every problem. */
public class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("Invalid configuration; the service will not start:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
