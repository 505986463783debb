package io.agentplatform.workload;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressTLSArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import io.agentplatform.config.AgentSettings;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.agentplatform.workload.AgentWorkload.APP;
import static io.agentplatform.workload.AgentWorkload.HTTP_PORT_NAME;
import static io.agentplatform.workload.AgentWorkload.MANAGEMENT_PORT;

/**
 * The agent's public entry, where one is configured: one host, TLS, all paths to the Service's API port. With the
 * {@code alb} class, the AWS Load Balancer Controller's annotations (internet-facing, target-type ip, HTTPS only, TLS
 * 1.3 policy, health checks on the management port). Annotations and spec are pure functions.
 */
final class AgentIngress {
    private AgentIngress() {}

    /**
     * Registers the Ingress after the Service; returns the agent's public URL.
     *
     * @param backend the Service and port name requests go to ({@link AgentRollout#ingressBackend})
     */
    static Output<String> create(AgentWorkload.Scope scope, AgentSettings.Ingress ingress,
                                 Map.Entry<String, String> backend, String ns, AgentLabels labels, Service service) {
        new Ingress(scope.name("ingress"), IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(APP).namespace(ns).labels(labels.pod())
                        .annotations(annotations(ingress)).build())
                .spec(spec(ingress, backend))
                .build(), scope.options().dependsOn(service).build());
        return Output.of("https://" + ingress.host());
    }

    static Map<String, String> annotations(AgentSettings.Ingress ingress) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if ("alb".equals(ingress.className())) {
            annotations.put("alb.ingress.kubernetes.io/scheme", "internet-facing");
            annotations.put("alb.ingress.kubernetes.io/target-type", "ip");
            annotations.put("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\":443}]");
            annotations.put("alb.ingress.kubernetes.io/ssl-redirect", "443");
            annotations.put("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
            // The API port serves no health endpoint; the readiness path on the management port does.
            annotations.put("alb.ingress.kubernetes.io/healthcheck-port", String.valueOf(MANAGEMENT_PORT));
            annotations.put("alb.ingress.kubernetes.io/healthcheck-path", "/health/ready");
            ingress.certificateArn().ifPresent(arn -> annotations.put("alb.ingress.kubernetes.io/certificate-arn", arn));
        }
        return annotations;
    }

    static IngressSpecArgs spec(AgentSettings.Ingress ingress) {
        return spec(ingress, Map.entry(APP, HTTP_PORT_NAME));
    }

    /** @param backend the Service and port name requests go to ({@link AgentRollout#ingressBackend}) */
    static IngressSpecArgs spec(AgentSettings.Ingress ingress, Map.Entry<String, String> backend) {
        IngressTLSArgs.Builder tls = IngressTLSArgs.builder().hosts(ingress.host());
        ingress.tlsSecretName().ifPresent(tls::secretName);
        return IngressSpecArgs.builder()
                .ingressClassName(ingress.className())
                .tls(tls.build())
                .rules(IngressRuleArgs.builder()
                        .host(ingress.host())
                        .http(HTTPIngressRuleValueArgs.builder()
                                .paths(HTTPIngressPathArgs.builder()
                                        .path("/")
                                        .pathType("Prefix")
                                        .backend(IngressBackendArgs.builder()
                                                .service(IngressServiceBackendArgs.builder()
                                                        .name(backend.getKey())
                                                        .port(ServiceBackendPortArgs.builder().name(backend.getValue()).build())
                                                        .build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
