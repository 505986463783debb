package io.agentplatform.workload;

import io.agentplatform.config.AgentSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's Ingress, from inline settings (WHEN) to its annotations and spec (THEN). */
class AgentIngressTest {

    @Test
    void anAlbIngressTerminatesTlsWithTheCertificateAndChecksHealthOnTheManagementPort() {
        Map<String, String> a = AgentIngress.annotations(Inline.alb());
        assertEquals("arn:aws:acm:eu-west-1:123456789012:certificate/abc", a.get("alb.ingress.kubernetes.io/certificate-arn"));
        assertEquals(String.valueOf(AgentWorkload.MANAGEMENT_PORT), a.get("alb.ingress.kubernetes.io/healthcheck-port"));
        assertEquals("/health/ready", a.get("alb.ingress.kubernetes.io/healthcheck-path"));
        assertEquals("ip", a.get("alb.ingress.kubernetes.io/target-type"));
        var spec = AgentIngress.spec(Inline.alb());
        assertEquals("alb", Values.of(spec.ingressClassName()));
        assertEquals(List.of("agent.example.com"), Values.of(Values.of(spec.tls()).get(0).hosts()));
    }

    @Test
    void anotherIngressClassGetsNoAlbAnnotationsAndItsTlsSecret() {
        AgentSettings.Ingress nginx = new AgentSettings.Ingress("agent.local", "nginx", Optional.empty(), Optional.of("agent-tls"));
        assertTrue(AgentIngress.annotations(nginx).isEmpty());
        assertEquals("agent-tls", Values.of(Values.of(AgentIngress.spec(nginx).tls()).get(0).secretName()));
    }
}
