package io.agentplatform.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of one stack. Read once by the entry point (Pulumi config under the CLI,
 * the committed {@code Pulumi.<stack>.yaml} in tests and the offline plan) and handed to the program; components
 * receive only the typed parts they need.
 *
 * @param project     Pulumi project name, first part of every physical name
 * @param stack       Pulumi stack name, second part of every physical name
 * @param environment what the stack is for; selects the profile of defaults
 * @param owner       team that owns the stack, written to the {@code owner} tag
 * @param extraTags   tags added to every AWS resource besides the standard four
 * @param aws         the AWS platform; present for dev, staging and production
 * @param target      for ephemeral and local stacks: the cluster they deploy onto and their in-cluster data services
 * @param monitoring  the in-cluster monitoring stack with its receivers and secrets; present exactly when the stack
 *                    deploys one (platform stacks always; local stacks unless {@code monitoring.enabled} is off;
 *                    ephemeral stacks never)
 * @param agent       the agent workload
 * @param secrets     secret settings
 * @param warnings    things worth knowing that do not stop the program (e.g. placeholders in the offline plan)
 * @param planDate    the day versions and support dates were judged on (see {@link PlanDate})
 */
public record PlatformConfig(
        String project,
        String stack,
        EnvironmentKind environment,
        String owner,
        Map<String, String> extraTags,
        Optional<AwsSettings> aws,
        Optional<ClusterTargetSettings> target,
        Optional<MonitoringStack> monitoring,
        AgentSettings agent,
        PlatformSecrets secrets,
        List<String> warnings,
        LocalDate planDate) {

    /** The deploy target of an ephemeral or local stack; fails loudly when asked of a platform stack. */
    public ClusterTargetSettings requireTarget() {
        return target.orElseThrow(() -> new IllegalStateException(
                "stack '" + stack + "' (" + environment.configName() + ") is a platform stack with its own cluster"));
    }

    /** The AWS settings of a platform stack; fails loudly when asked of a stack kind that has none. */
    public AwsSettings requireAws() {
        return aws.orElseThrow(() -> new IllegalStateException(
                "stack '" + stack + "' (" + environment.configName() + ") builds no AWS platform"));
    }
}
