package io.agentplatform.config;

/** Rules between settings of one object that bound each other. */
final class Bounds {
    private Bounds() {}

    /** A lower bound, an upper bound and a value that must lie between them (node group sizes, replica counts). */
    static void requireWithin(Settings s, Setting<Integer> min, Setting<Integer> max, Setting<Integer> value) {
        int lo = s.get(min);
        int hi = s.get(max);
        int v = s.get(value);
        if (lo > hi) {
            s.problem(min.name(), String.valueOf(lo), "must not exceed " + max.name() + " (" + hi + ")");
        } else if (v < lo || v > hi) {
            s.problem(value.name(), String.valueOf(v), "must lie within [" + min.name() + ", " + max.name() + "] = ["
                    + lo + ", " + hi + "]");
        }
    }
}
