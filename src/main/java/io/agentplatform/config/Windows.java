package io.agentplatform.config;

/** Maintenance and backup windows in UTC, as RDS and ElastiCache take them. */
final class Windows {
    private static final String HHMM = "([01]\\d|2[0-3]):[0-5]\\d";
    private static final String DAY = "(mon|tue|wed|thu|fri|sat|sun)";

    private Windows() {}

    static Setting<String> daily(String name, String fallback) {
        return Setting.text(name, Default.of(fallback), "daily UTC window").type("`hh:mm-hh:mm`")
                .matching(HHMM + "-" + HHMM, "must be a daily UTC window hh:mm-hh:mm, e.g. " + fallback);
    }

    static Setting<String> weekly(String name, String fallback) {
        return Setting.text(name, Default.of(fallback), "weekly UTC window").type("`ddd:hh:mm-ddd:hh:mm`")
                .matching(DAY + ":" + HHMM + "-" + DAY + ":" + HHMM,
                        "must be a weekly UTC window ddd:hh:mm-ddd:hh:mm, e.g. " + fallback);
    }
}
