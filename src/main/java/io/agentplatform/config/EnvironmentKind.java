package io.agentplatform.config;

/**
 * What a stack is for. The kind selects the profile of validated defaults; components never look at it.
 */
public enum EnvironmentKind {
    /** Shared development platform: full AWS platform, cheap, destroyable with one {@code pulumi destroy}. */
    DEV(2),
    /** Pre-production platform: production-shaped, may be smaller. */
    STAGING(2),
    /** Production platform: highly available, data protected against accidental loss. */
    PRODUCTION(3),
    /** Per-pull-request stack: only the agent, on the dev cluster; no AWS network, cluster or managed data. */
    EPHEMERAL(0),
    /** The agent and monitoring on whatever cluster the current kubeconfig points at (kind, minikube). */
    LOCAL(0);

    private final int minimumAvailabilityZones;

    EnvironmentKind(int minimumAvailabilityZones) {
        this.minimumAvailabilityZones = minimumAvailabilityZones;
    }

    /** Fewest availability zones a stack of this kind may span (EKS itself needs subnets in two). */
    public int minimumAvailabilityZones() {
        return minimumAvailabilityZones;
    }

    /** Whether stacks of this kind build the AWS platform (VPC, EKS, RDS, ElastiCache). */
    public boolean buildsAwsPlatform() {
        return this == DEV || this == STAGING || this == PRODUCTION;
    }

    /** Whether losing this environment's data would hurt: the defaults then protect it. */
    public boolean holdsValuableData() {
        return this == PRODUCTION;
    }

    public String configName() {
        return Settings.configSpelling(this);
    }
}
