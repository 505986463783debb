package io.agentplatform.plan;

import com.pulumi.Context;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One stack to plan and the program to run for it: everything the offline plan needs to know of a stack, so the
 * plan tooling depends on no program's configuration types.
 *
 * @param project       Pulumi project name
 * @param stack         Pulumi stack name
 * @param environment   the stack's kind as its config names it (written to the plan file)
 * @param region        the AWS region the mock cloud answers for; empty for a stack without AWS resources of its
 *                      own (the mock then answers for us-east-1, the provider's default)
 * @param warnings      notes the plan file carries (e.g. placeholders used for secrets)
 * @param planDate      the day versions and support dates are judged on
 * @param platformStack the stack this one reads through a StackReference, if any: it is planned first and its
 *                      outputs handed over
 * @param program       the program, registering resources with the given context
 */
public record PlanTarget(String project, String stack, String environment, Optional<String> region,
                         List<String> warnings, LocalDate planDate, Optional<String> platformStack,
                         Consumer<Context> program) {
    /** The region the mock cloud answers for when a stack names none (the AWS provider's default). */
    static final String DEFAULT_REGION = "us-east-1";
}
