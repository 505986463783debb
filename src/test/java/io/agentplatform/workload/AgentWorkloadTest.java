package io.agentplatform.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.cluster.ExternalSecretsOperator;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlanWriter;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.agentplatform.workload.AgentObjects.map;
import static io.agentplatform.workload.AgentObjects.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Identity, secrets and their rotation path, pod hardening, network flows, ingress and outputs of the agent. */
class AgentWorkloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theNamespaceIsAnApplicationNamespaceEnforcingRestricted(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource ns = plan.matching(r -> r.type().equals(AgentObjects.NAMESPACE)
                && r.input("metadata.name").asText().equals(AgentObjects.NS)).get(0);
        Map<String, String> labels = map(ns.input("metadata.labels"));
        assertEquals("agent-platform", labels.get("app.kubernetes.io/part-of"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/enforce"));
        // Everything of the agent is created after its namespace.
        AgentObjects a = AgentObjects.of(stack);
        for (String type : List.of(AgentObjects.DEPLOYMENT, AgentObjects.SERVICE, AgentObjects.CONFIG_MAP, AgentObjects.HPA,
                AgentObjects.PDB, AgentObjects.SERVICE_ACCOUNT, AgentObjects.SERVICE_MONITOR)) {
            a.all(type).forEach(r -> assertTrue(r.dependsOn(ns.urn()) || r.type().equals(AgentObjects.DEPLOYMENT)
                    || r.type().equals(AgentObjects.HPA), r.name() + " waits for the namespace"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theServiceAccountCarriesTheAgentRoleWhichOnlyThatServiceAccountCanAssume(String stack) throws IOException {
        AgentObjects a = AgentObjects.of(stack);
        PlannedResource sa = a.named(AgentObjects.SERVICE_ACCOUNT, AgentWorkload.SERVICE_ACCOUNT);
        assertEquals(AgentWorkload.SERVICE_ACCOUNT, a.podSpec().path("serviceAccountName").asText());
        PlannedResource role = a.plan().matching(r -> r.type().equals("aws:iam/role:Role") && r.name().endsWith("-agent-irsa-role")).get(0);
        String arn = sa.input("metadata.annotations").path("eks.amazonaws.com/role-arn").asText();
        assertTrue(arn.matches("arn:aws:iam::\\d{12}:role" + role.input("path").asText() + role.name() + ".*"), arn);
        assertTrue(sa.dependsOn(role.urn()), "the annotation comes from the role");
        JsonNode statement = JSON.readTree(role.input("assumeRolePolicy").asText()).path("Statement").path(0);
        assertEquals("sts:AssumeRoleWithWebIdentity", statement.path("Action").asText());
        JsonNode equals = statement.path("Condition").path("StringEquals");
        List<String> subjects = new ArrayList<>();
        equals.fields().forEachRemaining(e -> {
            if (e.getKey().endsWith(":sub")) {
                subjects.add(e.getValue().asText());
            }
        });
        assertEquals(List.of("system:serviceaccount:agent:agent"), subjects);
    }

    /** The policies attached to the IAM role whose logical name ends with the suffix, as parsed documents. */
    private static List<JsonNode> policiesOfRole(Plan plan, String roleSuffix) throws IOException {
        PlannedResource role = plan.matching(r -> r.type().equals("aws:iam/role:Role") && r.name().endsWith(roleSuffix)).get(0);
        List<JsonNode> out = new ArrayList<>();
        for (PlannedResource attachment : plan.matching(r -> r.type().equals("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                && r.dependsOn(role.urn()))) {
            for (PlannedResource policy : plan.matching(r -> r.type().equals("aws:iam/policy:Policy") && attachment.dependsOn(r.urn()))) {
                out.add(JSON.readTree(policy.input("policy").asText()));
            }
        }
        assertFalse(out.isEmpty(), roleSuffix + " has a policy");
        return out;
    }

    /** Action to its one resource, over every statement (each must allow one resource, no wildcard list). */
    private static Map<String, String> resourceOfAction(List<JsonNode> documents) {
        Map<String, String> resourceOf = new java.util.HashMap<>();
        for (JsonNode document : documents) {
            for (JsonNode s : document.path("Statement")) {
                assertEquals("Allow", s.path("Effect").asText());
                assertTrue(s.path("Resource").isTextual(), "one resource, no wildcard list");
                (s.path("Action").isArray() ? texts(s.path("Action")) : List.of(s.path("Action").asText()))
                        .forEach(action -> resourceOf.put(action, s.path("Resource").asText()));
            }
        }
        return resourceOf;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theAgentRoleMayOnlyConnectAsTheApplicationRoleToThisDatabaseAndReadsNoSecret(String stack) throws IOException {
        Plan plan = StackPlans.of(stack);
        PlannedResource db = plan.ofType("aws:rds/instance:Instance").get(0);
        String account = plan.output("databaseSecretArn").asText().split(":")[4];
        Map<String, String> resourceOf = resourceOfAction(policiesOfRole(plan, "-agent-irsa-role"));
        assertEquals(Set.of("rds-db:connect"), resourceOf.keySet(), "nothing but the database login: " + resourceOf);
        String dbUser = resourceOf.get("rds-db:connect");
        assertTrue(dbUser.matches("arn:aws:rds-db:eu-west-1:" + account + ":dbuser:db-[A-Z0-9]+/agent_app"),
                "this instance's DbiResourceId and the application role only: " + dbUser);
        PlannedResource connect = plan.matching(r -> r.type().equals("aws:iam/policy:Policy")
                && r.name().endsWith("-agent-db-connect-policy")).get(0);
        assertTrue(connect.dependsOn(db.urn()), "the ARN names the instance's own resource id");
        assertTrue(db.input("iamDatabaseAuthenticationEnabled").asBoolean(), "RDS accepts IAM tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void onlyTheMigrationRoleReadsTheMasterSecretAndDecryptsOnlyWithItsKey(String stack) throws IOException {
        Plan plan = StackPlans.of(stack);
        String secretArn = plan.output("databaseSecretArn").asText();
        String keyArn = plan.ofType("aws:rds/instance:Instance").get(0).input("masterUserSecretKmsKeyId").asText();
        assertEquals(Map.of("secretsmanager:GetSecretValue", secretArn, "secretsmanager:DescribeSecret", secretArn,
                "kms:Decrypt", keyArn), resourceOfAction(policiesOfRole(plan, "-agent-migrate-irsa-role")));
        PlannedResource role = plan.matching(r -> r.type().equals("aws:iam/role:Role") && r.name().endsWith("-agent-migrate-irsa-role")).get(0);
        JsonNode trust = JSON.readTree(role.input("assumeRolePolicy").asText()).path("Statement").path(0);
        List<String> subjects = new ArrayList<>();
        trust.path("Condition").path("StringEquals").fields().forEachRemaining(e -> {
            if (e.getKey().endsWith(":sub")) {
                subjects.add(e.getValue().asText());
            }
        });
        assertEquals(List.of("system:serviceaccount:agent:" + DatabaseMigration.SERVICE_ACCOUNT), subjects);
        AgentObjects a = AgentObjects.of(stack);
        assertTrue(a.named(AgentObjects.SERVICE_ACCOUNT, DatabaseMigration.SERVICE_ACCOUNT).input("metadata.annotations")
                .path("eks.amazonaws.com/role-arn").asText().contains(":role" + role.input("path").asText() + role.name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void migrationsRunInAJobOfTheSameImageWithItsOwnServiceAccountBeforeThePods(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        assertTrue(a.podSpec().path("initContainers").isMissingNode() || a.podSpec().path("initContainers").isEmpty(),
                "no migration inside the long-running pods");
        PlannedResource job = a.job();
        JsonNode migrate = a.jobContainer();
        JsonNode agent = a.container(AgentWorkload.APP);
        assertEquals(1, a.jobPodSpec().path("containers").size());
        assertEquals(List.of("migrate"), texts(migrate.path("args")));
        assertEquals(agent.path("image"), migrate.path("image"));
        assertEquals(agent.path("securityContext"), migrate.path("securityContext"));
        assertEquals(a.podSpec().path("securityContext"), a.jobPodSpec().path("securityContext"));
        assertEquals("Never", a.jobPodSpec().path("restartPolicy").asText());
        assertEquals(DatabaseMigration.SERVICE_ACCOUNT, a.jobPodSpec().path("serviceAccountName").asText());
        assertFalse(a.jobPodSpec().path("automountServiceAccountToken").asBoolean(true));
        assertTrue(a.deployment().dependsOn(job.urn()), "new pods start only after the migration succeeded");
        String image = StackPlans.config(stack).agent().image();
        assertEquals(DatabaseMigration.jobName(image), job.input("metadata.name").asText());
        assertTrue(job.input("metadata.name").asText().matches("agent-migrate-[0-9a-f]{10}"), job.input("metadata.name").asText());
    }

    @Test
    void aNewImageIsANewJob() {
        assertFalse(DatabaseMigration.jobName("ghcr.io/agent-platform/agent:0.1.0")
                .equals(DatabaseMigration.jobName("ghcr.io/agent-platform/agent:0.1.1")));
        assertEquals(DatabaseMigration.jobName("ghcr.io/agent-platform/agent:0.1.0"),
                DatabaseMigration.jobName("ghcr.io/agent-platform/agent:0.1.0"), "the same image, the same Job (no re-run)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theServiceContainerLogsInAsTheApplicationRoleWithIamAndHoldsNoDatabasePassword(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        JsonNode config = a.named(AgentObjects.CONFIG_MAP, AgentWorkload.CONFIG_MAP).input("data");
        Map<String, String> env = AgentObjects.env(a.container(AgentWorkload.APP));
        for (String key : List.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_AUTH", "DB_SSL_MODE", "AWS_REGION")) {
            assertEquals("configMap:" + key, env.get(key), key);
        }
        assertEquals("agent_app", config.path("DB_USER").asText());
        assertEquals("iam", config.path("DB_AUTH").asText());
        assertEquals("eu-west-1", config.path("AWS_REGION").asText());
        assertEquals("require", config.path("DB_SSL_MODE").asText());
        assertFalse(env.containsKey("DB_PASSWORD_FILE"), "no database password in the pod at all");
        assertFalse(env.containsKey("DB_PASSWORD"));
        for (JsonNode v : a.podSpec().path("volumes")) {
            assertFalse(v.path("secret").path("secretName").asText().equals(DatabaseMigration.OWNER_SECRET),
                    "the owner's password is never mounted by the service pods");
        }
        assertFalse(a.deployment().input("spec.template.metadata.annotations").has("eks.amazonaws.com/skip-containers"),
                "the agent container gets the IRSA token it signs database tokens with");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theMigrationJobConnectsAsTheOwnerAndCreatesTheApplicationRoleForIam(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        JsonNode migrate = a.jobContainer();
        Map<String, String> env = AgentObjects.env(migrate);
        for (String key : List.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_SSL_MODE")) {
            assertEquals("configMap:" + key, env.get(key), key);
        }
        assertEquals(StackPlans.config(stack).requireAws().database().masterUsername(), env.get("DB_USER"));
        assertEquals(DatabaseMigration.OWNER_PASSWORD_PATH, env.get("DB_PASSWORD_FILE"));
        assertTrue(AgentWiringTest.fileOnSecretVolume(a.jobPodSpec(), migrate, env.get("DB_PASSWORD_FILE")));
        assertEquals("agent_app", env.get("DB_APP_USER"));
        assertEquals("iam", env.get("DB_APP_AUTH"));
        assertFalse(env.containsKey("DB_APP_PASSWORD_FILE"), "an IAM role has no password");
        assertEquals(Set.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_SSL_MODE", "DB_USER", "DB_PASSWORD_FILE", "DB_APP_USER",
                "DB_APP_AUTH"), env.keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theRotatedMasterPasswordFlowsFromSecretsManagerIntoASecretOnlyTheJobMounts(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        PlannedResource store = a.one(AgentObjects.SECRET_STORE);
        PlannedResource external = a.one(AgentObjects.EXTERNAL_SECRET);
        JsonNode aws = store.input("spec.provider.aws");
        assertEquals("SecretsManager", aws.path("service").asText());
        assertEquals("eu-west-1", aws.path("region").asText());
        assertEquals(DatabaseMigration.SERVICE_ACCOUNT, aws.path("auth").path("jwt").path("serviceAccountRef").path("name").asText());

        JsonNode spec = external.input("spec");
        assertEquals(store.input("metadata.name").asText(), spec.path("secretStoreRef").path("name").asText());
        assertEquals("SecretStore", spec.path("secretStoreRef").path("kind").asText());
        assertFalse(spec.path("refreshInterval").asText().isBlank());
        JsonNode data = spec.path("data").path(0);
        assertEquals(a.plan().output("databaseSecretArn").asText(), data.path("remoteRef").path("key").asText());
        assertEquals("password", data.path("remoteRef").path("property").asText());

        String target = spec.path("target").path("name").asText();
        JsonNode volume = null;
        for (JsonNode v : a.jobPodSpec().path("volumes")) {
            if (v.path("secret").path("secretName").asText().equals(target)) {
                volume = v;
            }
        }
        assertTrue(volume != null, "the Job mounts the ExternalSecret's target " + target);
        assertEquals(data.path("secretKey").asText(), volume.path("secret").path("items").path(0).path("key").asText());
        for (JsonNode v : a.podSpec().path("volumes")) {
            assertFalse(v.path("secret").path("secretName").asText().equals(target), "the service pods never mount it");
        }
        // The operator that does the copying: pinned chart with its CRDs, before the custom resources.
        PlannedResource release = a.plan().matching(r -> r.type().equals(AgentObjects.RELEASE)
                && r.input("chart").asText().equals("external-secrets")).get(0);
        assertEquals(ExternalSecretsOperator.CHART_VERSION, release.input("version").asText());
        assertTrue(release.input("version").asText().matches("\\d+\\.\\d+\\.\\d+"));
        assertEquals("https://charts.external-secrets.io", release.input("repositoryOpts.repo").asText());
        assertTrue(release.input("values.installCRDs").asBoolean());
        assertTrue(store.dependsOn(release.urn()) && external.dependsOn(release.urn()));
        assertTrue(a.job().dependsOn(external.urn()), "the Job starts after the ExternalSecret exists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void thePodIsHardened(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        JsonNode pod = a.podSpec();
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
        JsonNode psc = pod.path("securityContext");
        assertTrue(psc.path("runAsNonRoot").asBoolean());
        assertEquals(10001, psc.path("runAsUser").asInt());
        assertEquals(10001, psc.path("runAsGroup").asInt());
        assertEquals(10001, psc.path("fsGroup").asInt());
        assertEquals("RuntimeDefault", psc.path("seccompProfile").path("type").asText());
        for (JsonNode c : a.containers()) {
            JsonNode sc = c.path("securityContext");
            String name = c.path("name").asText();
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), name);
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), name);
            assertEquals(List.of("ALL"), texts(sc.path("capabilities").path("drop")), name);
            assertTrue(sc.path("runAsNonRoot").asBoolean(), name);
            assertEquals("RuntimeDefault", sc.path("seccompProfile").path("type").asText(), name);
            boolean tmp = false;
            for (JsonNode m : c.path("volumeMounts")) {
                tmp |= m.path("mountPath").asText().equals("/tmp");
            }
            assertTrue(tmp, name + " has a writable /tmp");
        }
        JsonNode tmpVolume = null;
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals("tmp")) {
                tmpVolume = v;
            }
        }
        assertTrue(tmpVolume != null && !tmpVolume.path("emptyDir").path("sizeLimit").asText().isBlank(), "/tmp is a bounded emptyDir");
        Set<String> keys = new HashSet<>();
        pod.path("topologySpreadConstraints").forEach(t -> keys.add(t.path("topologyKey").asText()));
        assertEquals(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), keys);
        assertEquals("workloads", pod.path("nodeSelector").path("node-role").asText());
        JsonNode strategy = a.deployment().input("spec.strategy");
        assertEquals("RollingUpdate", strategy.path("type").asText());
        assertEquals(1, strategy.path("rollingUpdate").path("maxSurge").asInt());
        assertEquals(0, strategy.path("rollingUpdate").path("maxUnavailable").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theGracePeriodCoversThePreStopPauseAndTheAppsShutdown(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        int grace = Integer.parseInt(a.named(AgentObjects.CONFIG_MAP, AgentWorkload.CONFIG_MAP).input("data.SHUTDOWN_GRACE_SECONDS").asText());
        assertEquals(StackPlans.config(stack).agent().shutdownGraceSeconds(), grace);
        List<String> preStop = texts(a.container(AgentWorkload.APP).path("lifecycle").path("preStop").path("exec").path("command"));
        assertEquals("sleep", preStop.get(0));
        int pause = Integer.parseInt(preStop.get(1));
        int period = a.podSpec().path("terminationGracePeriodSeconds").asInt();
        assertTrue(period >= grace + pause, "terminationGracePeriodSeconds " + period + " >= " + grace + " + " + pause);
        // The app's contract asks for at least SHUTDOWN_GRACE_SECONDS + 10 (app/README.md).
        assertTrue(period >= grace + 10);
    }

    /** The rules of every policy that applies to the agent's pods (the default deny included). */
    private static List<JsonNode> rules(AgentObjects a, String direction) {
        return rules(a, direction, a.podLabels());
    }

    private static List<JsonNode> rules(AgentObjects a, String direction, Map<String, String> pods) {
        List<JsonNode> out = new ArrayList<>();
        a.all(AgentObjects.NETWORK_POLICY).stream().filter(p -> {
            Map<String, String> sel = map(p.input("spec.podSelector.matchLabels"));
            return sel.isEmpty() || AgentObjects.selects(sel, pods);
        }).forEach(p -> p.input("spec." + direction).forEach(out::add));
        return out;
    }

    private static Set<String> ports(JsonNode rule) {
        Set<String> out = new HashSet<>();
        rule.path("ports").forEach(p -> out.add(p.path("protocol").asText() + "/" + p.path("port").asText()));
        return out;
    }

    private static Set<String> cidrs(JsonNode rule) {
        Set<String> out = new HashSet<>();
        rule.path(rule.has("to") ? "to" : "from").forEach(peer -> {
            if (peer.has("ipBlock")) {
                out.add(peer.path("ipBlock").path("cidr").asText());
            }
        });
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void networkPoliciesDenyByDefaultAndAllowOnlyTheListedFlows(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        var network = StackPlans.config(stack).requireAws().network();
        AgentSettings s = StackPlans.config(stack).agent();

        PlannedResource deny = a.named(AgentObjects.NETWORK_POLICY, "agent-default-deny");
        assertEquals(0, deny.input("spec.podSelector").size(), "selects every pod of the namespace");
        assertEquals(Set.of("Ingress", "Egress"), new HashSet<>(texts(deny.input("spec.policyTypes"))));
        assertTrue(deny.input("spec.ingress").isMissingNode() && deny.input("spec.egress").isMissingNode());

        List<JsonNode> ingress = rules(a, "ingress");
        assertTrue(ingress.stream().anyMatch(r -> ports(r).equals(Set.of("TCP/management"))
                && r.path("from").path(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText().equals("monitoring")),
                "Prometheus scrapes the management port");
        boolean fromLoadBalancer = ingress.stream().anyMatch(r -> ports(r).contains("TCP/http")
                && cidrs(r).equals(new HashSet<>(network.publicSubnetCidrs())));
        assertEquals(s.ingress().isPresent(), fromLoadBalancer, "the load balancer reaches the API only with an ingress");
        assertEquals(s.ingress().isPresent() ? 2 : 1, ingress.size());

        List<JsonNode> egress = rules(a, "egress");
        assertTrue(egress.stream().anyMatch(r -> ports(r).equals(Set.of("UDP/53", "TCP/53"))
                && r.path("to").path(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText().equals("kube-system")
                && r.path("to").path(0).path("podSelector").path("matchLabels").path("k8s-app").asText().equals("kube-dns")), "DNS");
        assertTrue(egress.stream().anyMatch(r -> ports(r).equals(Set.of("TCP/5432"))
                && cidrs(r).equals(new HashSet<>(network.databaseSubnetCidrs()))), "PostgreSQL in the database subnets");
        assertTrue(egress.stream().anyMatch(r -> ports(r).equals(Set.of("TCP/6379"))
                && cidrs(r).equals(new HashSet<>(network.privateSubnetCidrs()))), "Redis in the private subnets");
        // STS (the IRSA credentials that sign database tokens): its interface endpoint in the private subnets, or
        // the public endpoint outside the VPC where the stack has none.
        Set<String> sts = network.interfaceEndpoints().contains("sts")
                ? new HashSet<>(network.privateSubnetCidrs()) : Set.of("0.0.0.0/0");
        JsonNode stsRule = a.named(AgentObjects.NETWORK_POLICY, "agent-allow-aws-sts").input("spec.egress.0");
        assertEquals(Set.of("TCP/443"), ports(stsRule));
        assertEquals(sts, cidrs(stsRule));
        if (!network.interfaceEndpoints().contains("sts")) {
            assertEquals(List.of(network.vpcCidr()), texts(stsRule.path("to").path(0).path("ipBlock").path("except")));
        }
        boolean model = a.all(AgentObjects.NETWORK_POLICY).stream()
                .anyMatch(p -> p.input("metadata.name").asText().equals("agent-allow-model-endpoint"));
        assertEquals(s.llmApiUrl().isPresent(), model, "the model endpoint only when llmApiUrl is set");
        assertEquals(s.llmApiUrl().isPresent() ? 5 : 4, egress.size(), "nothing else leaves the pods");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theMigrationPodsMayResolveNamesAndReachPostgresqlOnly(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        var network = StackPlans.config(stack).requireAws().network();
        assertTrue(rules(a, "ingress", a.jobPodLabels()).isEmpty(), "nothing connects to the Job's pods");
        List<JsonNode> egress = rules(a, "egress", a.jobPodLabels());
        assertEquals(2, egress.size(), "DNS and PostgreSQL, nothing else: " + egress);
        assertTrue(egress.stream().anyMatch(r -> ports(r).equals(Set.of("UDP/53", "TCP/53"))), "DNS");
        assertTrue(egress.stream().anyMatch(r -> ports(r).equals(Set.of("TCP/5432"))
                && cidrs(r).equals(new HashSet<>(network.databaseSubnetCidrs()))), "PostgreSQL in the database subnets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void anIngressOnlyWhereConfiguredWithClassHostAndTls(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        Plan plan = a.plan();
        assertEquals("agent", plan.output("appNamespace").asText());
        assertEquals(a.named(AgentObjects.SERVICE, AgentWorkload.APP).input("metadata.name").asText(), plan.output("appServiceName").asText());
        var configured = StackPlans.config(stack).agent().ingress();
        List<PlannedResource> ingresses = a.all(AgentObjects.INGRESS);
        if (configured.isEmpty()) {
            assertEquals("dev", stack);
            assertTrue(ingresses.isEmpty());
            assertTrue(plan.output("appUrl").isMissingNode());
            return;
        }
        AgentSettings.Ingress want = configured.get();
        assertEquals(1, ingresses.size());
        PlannedResource ingress = ingresses.get(0);
        assertEquals(want.className(), ingress.input("spec.ingressClassName").asText());
        assertEquals(want.host(), ingress.input("spec.rules.0.host").asText());
        assertEquals(List.of(want.host()), texts(ingress.input("spec.tls.0.hosts")));
        JsonNode annotations = ingress.input("metadata.annotations");
        assertEquals(want.certificateArn().orElseThrow(), annotations.path("alb.ingress.kubernetes.io/certificate-arn").asText());
        assertEquals("internet-facing", annotations.path("alb.ingress.kubernetes.io/scheme").asText());
        assertEquals("ip", annotations.path("alb.ingress.kubernetes.io/target-type").asText());
        assertEquals("[{\"HTTPS\":443}]", annotations.path("alb.ingress.kubernetes.io/listen-ports").asText());
        assertEquals("https://" + want.host(), plan.output("appUrl").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void noPlaintextSecretInAnyKubernetesObjectOrThePlan(String stack, @TempDir Path dir) throws IOException {
        Plan plan = StackPlans.of(stack);
        assertFalse(plan.toJsonText().contains("offline-plan-placeholder-for-"), "plan JSON");
        PlanWriter.write(plan, dir);
        List<Path> yaml;
        try (Stream<Path> files = Files.walk(dir)) {
            yaml = files.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertFalse(yaml.isEmpty());
        for (Path p : yaml) {
            assertFalse(Files.readString(p).contains("offline-plan-placeholder-for-"), p.toString());
        }
        JsonNode secretData = AgentObjects.of(stack).named(AgentObjects.SECRET, AgentWorkload.APP_SECRET).input("stringData");
        assertTrue(secretData.size() > 0);
        secretData.forEach(v -> assertEquals(Plan.SECRET, v.asText(), "the Redis token is a Pulumi secret"));
        AgentObjects.of(stack).named(AgentObjects.CONFIG_MAP, AgentWorkload.CONFIG_MAP).input("data").fieldNames()
                .forEachRemaining(k -> assertFalse(k.contains("PASSWORD") || k.contains("TOKEN") || k.contains("KEY"), k));
    }
}
