package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapConfigTest {

    private static final Optional<String> REGION = Optional.of("eu-west-1");

    @Test
    void defaultsApplyWhenOnlyTheRepositoryIsGiven() {
        BootstrapConfig c = BootstrapConfig.parse(Map.of("githubRepository", "acme/agent-platform"), REGION);
        assertEquals(List.of("dev", "staging", "production"), c.environments());
        assertEquals("preview", c.previewEnvironment());
        assertEquals("dev", c.previewBaseEnvironment());
        assertEquals("main", c.defaultBranch());
        assertEquals(List.of("eu-west-1"), c.regions());
        assertEquals("eu-west-1", c.homeRegion());
        assertEquals("/agent-platform/", c.workloadIamPath());
        assertEquals("/agent-platform-ci/", c.ciIamPath());
        assertEquals("agent-platform/agent", c.ecrRepositoryName());
        assertEquals(BootstrapConfig.StateBackend.PULUMI_CLOUD, c.stateBackend());
        assertFalse(c.createsStateBackend());
        assertTrue(c.createOidcProvider());
    }

    @Test
    void subjectsAreTheExactGithubOidcClaims() {
        BootstrapConfig c = BootstrapConfig.parse(Map.of("githubRepository", "Acme/Agent-Platform"), REGION);
        assertEquals("repo:Acme/Agent-Platform:pull_request", c.pullRequestSubject());
        assertEquals("repo:Acme/Agent-Platform:environment:production", c.environmentSubject("production"));
        assertEquals("repo:Acme/Agent-Platform:ref:refs/heads/main", c.defaultBranchSubject());
    }

    @Test
    void structuredAndCommaSeparatedListsAreAccepted() {
        BootstrapConfig json = BootstrapConfig.parse(Map.of(
                "githubRepository", "acme/app",
                "environments", "[\"dev\",\"prod\"]",
                "regions", "[\"eu-west-1\",\"eu-central-1\"]",
                "stateBackend", "s3"), REGION);
        assertEquals(List.of("dev", "prod"), json.environments());
        assertEquals(List.of("eu-west-1", "eu-central-1"), json.regions());
        assertTrue(json.createsStateBackend());

        BootstrapConfig csv = BootstrapConfig.parse(Map.of(
                "githubRepository", "acme/app", "environments", "dev, qa"), REGION);
        assertEquals(List.of("dev", "qa"), csv.environments());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var e = assertThrows(BootstrapConfig.InvalidConfigException.class, () -> BootstrapConfig.parse(Map.of(
                "githubRepository", "not a slug",
                "environments", "[\"dev\",\"Prod!\",\"dev\",\"pr-12\"]",
                "stateBackend", "gcs",
                "regions", "[\"mars-north-1\"]",
                "createOidcProvider", "false",
                "workloadIamPath", "/agent-platform/",
                "ciIamPath", "/agent-platform/ci/"), REGION));
        List<String> p = e.problems();
        assertTrue(has(p, "githubRepository 'not a slug'"), p::toString);
        assertTrue(has(p, "environment 'Prod!'"), p::toString);
        assertTrue(has(p, "'dev' is listed more than once"), p::toString);
        assertTrue(has(p, "'pr-12' collides"), p::toString);
        assertTrue(has(p, "stateBackend 'gcs'"), p::toString);
        assertTrue(has(p, "region 'mars-north-1'"), p::toString);
        assertTrue(has(p, "must include aws:region 'eu-west-1'"), p::toString);
        assertTrue(has(p, "existingOidcProviderArn is required"), p::toString);
        assertTrue(has(p, "must not contain each other"), p::toString);
        assertEquals(9, p.size(), p::toString);
        for (String problem : p) {
            assertTrue(e.getMessage().contains(problem), "message lists " + problem);
        }
    }

    @Test
    void missingRepositoryAndRegionAreReported() {
        var e = assertThrows(BootstrapConfig.InvalidConfigException.class,
                () -> BootstrapConfig.parse(Map.of(), Optional.empty()));
        assertTrue(has(e.problems(), "githubRepository is required"), e.problems()::toString);
        assertTrue(has(e.problems(), "regions is required"), e.problems()::toString);
    }

    @Test
    void previewEnvironmentMustBeSeparateAndBaseMustExist() {
        var e = assertThrows(BootstrapConfig.InvalidConfigException.class, () -> BootstrapConfig.parse(Map.of(
                "githubRepository", "acme/app",
                "previewEnvironment", "dev",
                "previewBaseEnvironment", "qa"), REGION));
        assertTrue(has(e.problems(), "previewEnvironment 'dev' must differ"), e.problems()::toString);
        assertTrue(has(e.problems(), "previewBaseEnvironment 'qa' is not one of"), e.problems()::toString);
    }

    @Test
    void existingProviderArnMustBeTheGithubProvider() {
        var e = assertThrows(BootstrapConfig.InvalidConfigException.class, () -> BootstrapConfig.parse(Map.of(
                "githubRepository", "acme/app",
                "createOidcProvider", "false",
                "existingOidcProviderArn", "arn:aws:iam::123456789012:oidc-provider/example.com"), REGION));
        assertTrue(has(e.problems(), "is not the ARN of a token.actions.githubusercontent.com provider"),
                e.problems()::toString);

        BootstrapConfig ok = BootstrapConfig.parse(Map.of(
                "githubRepository", "acme/app",
                "createOidcProvider", "false",
                "existingOidcProviderArn",
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"), REGION);
        assertFalse(ok.createOidcProvider());
    }

    @Test
    void environmentsWhoseResourceNamesOverlapAreRefused() {
        List<String> p = assertThrows(BootstrapConfig.InvalidConfigException.class, () -> BootstrapConfig.parse(
                Map.of("githubRepository", "acme/app", "environments", "[\"dev\",\"dev-eu\",\"pulumi\"]",
                        "stateBackend", "s3"), REGION)).problems();
        assertEquals(2, p.size(), p::toString);
        assertTrue(has(p, "environments 'dev' and 'dev-eu' overlap: the deploy role of dev manages"
                + " resources named agent-platform-dev-*"), p::toString);
        assertTrue(has(p, "environment 'pulumi' would let its deploy role manage the state bucket"
                + " agent-platform-pulumi-state-"), p::toString);

        BootstrapConfig cloud = BootstrapConfig.parse(Map.of("githubRepository", "acme/app",
                "environments", "[\"pulumi\",\"prod\",\"production\"]"), REGION);
        assertEquals("agent-platform-pulumi-", cloud.platformResourcePrefix("pulumi"),
                "without a state bucket there is nothing to protect; prod and production do not overlap");
    }

    @Test
    void platformProjectStartsEveryNameAndNamePrefixIsItsFormerName() {
        for (String key : List.of("platformProject", "namePrefix")) {
            BootstrapConfig c = BootstrapConfig.parse(Map.of("githubRepository", "acme/app", key, "acme-platform"),
                    REGION);
            assertEquals("acme-platform", c.platformProject(), key);
            assertEquals("acme-platform-dev-", c.platformResourcePrefix("dev"), key);
            assertEquals("alias/acme-platform-pulumi-state", c.stateKeyAlias(), key);
            assertEquals("/acme-platform/", c.workloadIamPath(), "the program's roles live under /<project>/");
            assertEquals("/acme-platform/dev/", c.environmentIamPath("dev"),
                    "each stack's in its own /<project>/<stack>/, as the program's Naming.iamPath() makes it");
            assertEquals("/acme-platform-ci/", c.ciIamPath(), key);
            assertEquals("acme-platform/agent", c.ecrRepositoryName(), key);
        }
        BootstrapConfig both = BootstrapConfig.parse(Map.of("githubRepository", "acme/app",
                "platformProject", "acme-platform", "namePrefix", "acme-platform"), REGION);
        assertEquals("acme-platform", both.platformProject(), "the same value twice is no conflict");
    }

    @Test
    void namePrefixAndPlatformProjectSetDifferentlyAreRefused() {
        List<String> p = assertThrows(BootstrapConfig.InvalidConfigException.class, () -> BootstrapConfig.parse(
                Map.of("githubRepository", "acme/app", "namePrefix", "agent-platform", "platformProject", "acme-platform"),
                REGION)).problems();
        assertEquals(List.of("namePrefix 'agent-platform' and platformProject 'acme-platform' differ: namePrefix is the"
                + " former name of platformProject (the platform program's Pulumi project name, which starts every"
                + " name); remove namePrefix"), p);
    }

    @Test
    void aProjectNameThatCannotStartBucketAndRoleNamesIsRefusedNamingTheSetting() {
        for (String key : List.of("platformProject", "namePrefix")) {
            for (String bad : List.of("Agent-Platform", "agent_platform", "a", "agent-platform-with-a-long-name")) {
                List<String> p = assertThrows(BootstrapConfig.InvalidConfigException.class, () -> BootstrapConfig.parse(
                        Map.of("githubRepository", "acme/app", key, bad), REGION), bad).problems();
                assertTrue(has(p, key + " '" + bad + "' must match"), p::toString);
            }
        }
    }

    @Test
    void theCommittedStackFileIsValid() throws Exception {
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(Path.of("Pulumi.bootstrap.yaml").toFile())
                .get("config");
        Map<String, String> values = new HashMap<>();
        String namespace = BootstrapConfig.NAMESPACE + ":";
        config.properties().forEach(e -> {
            if (e.getKey().startsWith(namespace)) {
                // Pulumi hands structured values (lists) to the program as JSON.
                values.put(e.getKey().substring(namespace.length()),
                        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
            }
        });
        assertTrue(values.containsKey("githubRepository"), values::toString);
        BootstrapConfig c = BootstrapConfig.parse(values, Optional.of(config.get("aws:region").asText()));
        assertEquals("agent-platform", c.platformProject());
        assertEquals(List.of("dev", "staging", "production"), c.environments());
        assertTrue(c.createsStateBackend());
    }

    @Test
    void repositorySlugRules() {
        for (String good : List.of("a/b", "acme-corp/agent.platform", "A1/x_y-z")) {
            BootstrapConfig.parse(Map.of("githubRepository", good), REGION);
        }
        for (String bad : List.of("acme", "acme/", "/repo", "-acme/repo", "acme/repo/extra", "acme/..", "ac me/repo",
                "acme/repo:pull_request")) {
            assertThrows(BootstrapConfig.InvalidConfigException.class,
                    () -> BootstrapConfig.parse(Map.of("githubRepository", bad), REGION), bad);
        }
    }

    private static boolean has(List<String> problems, String fragment) {
        return problems.stream().anyMatch(s -> s.contains(fragment));
    }
}
