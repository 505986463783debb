package io.agentplatform.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every configuration problem so they can be reported together. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String setting, String value, String allowed) {
        list.add(new ConfigProblem(setting, value, allowed));
    }

    List<ConfigProblem> all() {
        return List.copyOf(list);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }
}
