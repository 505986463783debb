package io.agentplatform.config;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The day a plan judges versions and support dates on. Under the Pulumi CLI and in the offline plan it is today
 * (UTC) unless {@code AGENT_PLATFORM_PLAN_DATE=YYYY-MM-DD} names another day (to see what a stack will meet on a
 * future date); tests pass theirs explicitly to {@link ConfigBinder}.
 */
public final class PlanDate {
    public static final String ENVIRONMENT_VARIABLE = "AGENT_PLATFORM_PLAN_DATE";

    private PlanDate() {}

    public static LocalDate today() {
        return parse(System.getenv(ENVIRONMENT_VARIABLE));
    }

    static LocalDate parse(String value) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(ZoneOffset.UTC);
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(ENVIRONMENT_VARIABLE + " = '" + value + "': must be a date YYYY-MM-DD");
        }
    }
}
