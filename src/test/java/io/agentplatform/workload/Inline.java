package io.agentplatform.workload;

import com.pulumi.core.Output;
import io.agentplatform.core.NetworkPeer;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.incluster.InClusterData;

import java.util.List;
import java.util.Optional;

/** Inline inputs for the part tests: small, readable settings and data connections, no stack file. */
final class Inline {
    static final String IMAGE = "ghcr.io/agent-platform/agent:1.2.3";
    static final String VPC = "10.20.0.0/16";
    static final String REGION = "eu-west-1";

    private Inline() {}

    /** 2-6 replicas, 250m/512Mi requests, 1/768Mi limits, CPU 70 %, memory 80 %, 300 s scale-down, 30 s grace. */
    static AgentSettings settings(Optional<AgentSettings.Ingress> ingress, Optional<String> llmApiUrl) {
        return AgentSettings.builder().image(IMAGE).replicas(2).minReplicas(2).maxReplicas(6)
                .cpuRequest("250m").memoryRequest("512Mi").cpuLimit("1").memoryLimit("768Mi")
                .targetCpuPercent(70).targetMemoryPercent(80).scaleDownStabilizationSeconds(300)
                .ingress(ingress).llmApiUrl(llmApiUrl).rateLimitPerMinute(120).llmModel(llmApiUrl.map(u -> "gpt-4o-mini"))
                .shutdownGraceSeconds(30).build();
    }

    static AgentSettings offline() {
        return settings(Optional.empty(), Optional.empty());
    }

    static AgentSettings.Ingress alb() {
        return new AgentSettings.Ingress("agent.example.com", "alb",
                Optional.of("arn:aws:acm:eu-west-1:123456789012:certificate/abc"), Optional.empty());
    }

    /** RDS with IAM login of the application role, STS through the public endpoint; ElastiCache with TLS. */
    static DataConnections iamData() {
        return new DataConnections(
                new DataConnections.Database(new DataConnections.SecretsManager(Output.of("arn:secret"), Output.of("arn:key")),
                        "owner", new DataConnections.IamLogin(Output.of("db-ABC"),
                        new NetworkPeer.Addresses(List.of(new NetworkPeer.IpRange("0.0.0.0/0", List.of(VPC)))), REGION),
                        Output.of("db.example.internal"), Output.of(5432), true, "agent", NetworkPeer.Addresses.of(List.of("10.20.8.0/24"))),
                new DataConnections.Redis(Output.of("redis.example.internal"), Output.of(6379), true,
                        Output.ofSecret("token"), NetworkPeer.Addresses.of(List.of("10.20.0.0/20"))));
    }

    /** In-cluster PostgreSQL (password login) and Valkey: the in-cluster data pods as peers. */
    static DataConnections inClusterData() {
        return new DataConnections(
                new DataConnections.Database(new DataConnections.KubernetesSecret("pg", "password"), "postgres",
                        new DataConnections.PasswordLogin(Output.ofSecret("app-password")),
                        Output.of("postgres.agent.svc.cluster.local"), Output.of(5432), false, "agent", new NetworkPeer.Pods(InClusterData.POD_LABELS)),
                new DataConnections.Redis(Output.of("redis.agent.svc.cluster.local"), Output.of(6379), false,
                        Output.ofSecret("token"), new NetworkPeer.Pods(InClusterData.POD_LABELS)));
    }
}
