package io.agentplatform.config;

import java.util.Objects;

/**
 * The monitoring a stack deploys, with the secrets it needs: it exists exactly when the stack deploys monitoring
 * (platform stacks, and local stacks that leave {@code monitoring.enabled} on), so its Grafana password is a value,
 * never an absence to check.
 *
 * @param settings              retention, sizes and replicas
 * @param alerting              the configured Alertmanager receivers, each with its credential
 * @param grafanaAdminPassword  secret {@code grafanaAdminPassword}
 */
public record MonitoringStack(MonitoringSettings settings, AlertingSettings alerting, SecretValue grafanaAdminPassword) {
    public MonitoringStack {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(alerting);
        Objects.requireNonNull(grafanaAdminPassword);
    }
}
