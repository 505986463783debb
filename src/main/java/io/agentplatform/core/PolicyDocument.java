package io.agentplatform.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents built as data and serialised with Jackson, never assembled from string templates. Values
 * that are only known at deploy time (ARNs, OIDC issuers) are {@link Output}s; the document resolves once they do.
 */
public final class PolicyDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final List<Output<Map<String, Object>>> statements = new ArrayList<>();

    public static PolicyDocument create() {
        return new PolicyDocument();
    }

    /** Allows actions on resources (deploy-time ARNs). */
    public PolicyDocument allow(List<String> actions, Output<List<String>> resources) {
        statements.add(resources.applyValue(r -> statement("Allow", actions, r)));
        return this;
    }

    /** Allows actions on fixed resources such as {@code *} (only where AWS offers no resource-level scoping). */
    public PolicyDocument allow(List<String> actions, List<String> resources) {
        statements.add(Output.of(statement("Allow", actions, resources)));
        return this;
    }

    /** Allows actions on fixed resources when a condition holds. */
    public PolicyDocument allow(List<String> actions, List<String> resources, Map<String, Object> condition) {
        Map<String, Object> s = statement("Allow", actions, resources);
        s.put("Condition", condition);
        statements.add(Output.of(s));
        return this;
    }

    /** A key or resource policy statement granting an AWS principal (an account root, a role) actions. */
    public PolicyDocument allowPrincipal(String principalArn, List<String> actions, List<String> resources,
                                         Map<String, Object> condition) {
        return allowFor(Map.of("AWS", principalArn), actions, resources, condition);
    }

    /** A resource policy statement granting an AWS service actions, usually narrowed by a condition. */
    public PolicyDocument allowService(String service, List<String> actions, List<String> resources,
                                       Map<String, Object> condition) {
        return allowFor(Map.of("Service", service), actions, resources, condition);
    }

    private PolicyDocument allowFor(Map<String, String> principal, List<String> actions, List<String> resources,
                                    Map<String, Object> condition) {
        Map<String, Object> s = statement("Allow", actions, resources);
        s.put("Principal", principal);
        if (!condition.isEmpty()) {
            s.put("Condition", condition);
        }
        statements.add(Output.of(s));
        return this;
    }

    /** Denies every request to the resources that does not use TLS (bucket policies). */
    public PolicyDocument denyInsecureTransport(Output<List<String>> resources) {
        statements.add(resources.applyValue(r -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Sid", "DenyInsecureTransport");
            s.put("Effect", "Deny");
            s.put("Principal", "*");
            s.put("Action", "s3:*");
            s.put("Resource", r);
            s.put("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
            return s;
        }));
        return this;
    }

    /** A trust statement letting an AWS service assume the role. */
    public PolicyDocument trustService(String service) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", "Allow");
        s.put("Principal", Map.of("Service", service));
        s.put("Action", "sts:AssumeRole");
        statements.add(Output.of(s));
        return this;
    }

    /**
     * A trust statement for IRSA: only the given service account of the given namespace, with the STS audience,
     * may assume the role through the cluster's OIDC provider.
     */
    public PolicyDocument trustServiceAccount(Output<String> oidcProviderArn, Output<String> oidcIssuerUrl,
                                              String namespace, String serviceAccount) {
        statements.add(Output.tuple(oidcProviderArn, oidcIssuerUrl).applyValue(t -> {
            String issuer = t.t2.replaceFirst("^https://", "");
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Effect", "Allow");
            s.put("Principal", Map.of("Federated", t.t1));
            s.put("Action", "sts:AssumeRoleWithWebIdentity");
            s.put("Condition", Map.of("StringEquals", Map.of(
                    issuer + ":sub", "system:serviceaccount:" + namespace + ":" + serviceAccount,
                    issuer + ":aud", "sts.amazonaws.com")));
            return s;
        }));
        return this;
    }

    private static Map<String, Object> statement(String effect, List<String> actions, List<String> resources) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", effect);
        s.put("Action", actions.size() == 1 ? actions.get(0) : actions);
        s.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
        return s;
    }

    public Output<String> toJson() {
        return Output.all(statements).applyValue(all -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("Version", "2012-10-17");
            doc.put("Statement", all);
            try {
                return JSON.writeValueAsString(doc);
            } catch (Exception e) {
                throw new IllegalStateException("cannot serialise a policy document", e);
            }
        });
    }
}
