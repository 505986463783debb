package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.bootstrap.IamPolicySimulator.Request;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI roles can do what the platform program needs: every AWS resource class in the program's source has rows in
 * {@code platform-resource-permissions.tsv}, and each row is allowed to the roles it names, for every environment,
 * in the environment's own names. A new service or resource type in the program fails here until it is listed and
 * granted.
 */
class PlatformPermissionsTest {

    private static final String TABLE = "/platform-resource-permissions.tsv";
    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production");
    private static final String REGION = RenderedRolePolicies.REGION;

    /** One table row: {@code who} is {@code deploy} (deploy role) or {@code read} (plan, drift and deploy roles). */
    record Row(int line, String type, String who, String action, String resource) {
        Request request(String environment) {
            return new Request(action, resource.replace("{stack}", "agent-platform-" + environment)
                    .replace("{iamPath}", "/agent-platform/" + environment + "/")
                    .replace("{region}", REGION).replace("{account}", RecordingMocks.ACCOUNT),
                    Map.of("aws:RequestedRegion", REGION));
        }

        @Override
        public String toString() {
            return TABLE.substring(1) + ":" + line + " " + type + " " + action + " on " + resource;
        }
    }

    private static final List<Row> ROWS = loadTable();
    private static final PlatformProgramSource SOURCE = PlatformProgramSource.read();

    private static JsonNode policy(String role) {
        return RenderedRolePolicies.get().policy(role);
    }

    @Test
    void everyAwsResourceTypeOfTheProgramIsListedWithWhatItNeeds() {
        SortedSet<String> declared = SOURCE.awsResourceTypes();
        assertTrue(declared.containsAll(List.of("ec2.Vpc", "eks.Cluster", "iam.Role", "s3.BucketV2")),
                () -> "the program's source was not read: " + declared + " from " + SOURCE.fileCount() + " files");
        SortedSet<String> listed = new TreeSet<>();
        ROWS.stream().filter(r -> r.who().equals("deploy")).forEach(r -> listed.add(r.type()));
        List<String> missing = new ArrayList<>();
        for (String type : declared) {
            if (!listed.contains(type)) {
                missing.add(type + " (" + SOURCE.filesUsing(type) + ")");
            }
        }
        assertEquals(List.of(), missing, "AWS resource types of the program without a deploy row in " + TABLE
                + ": list the IAM actions they need there and grant them in PolicyDocuments");
    }

    @Test
    void deployRolesMayDoEveryListedActionOnTheirOwnStacksResources() {
        List<String> denied = new ArrayList<>();
        for (String env : ENVIRONMENTS) {
            JsonNode deploy = policy("agent-platform-" + env + "-deploy");
            for (Row row : ROWS) {
                if (!IamPolicySimulator.allows(deploy, row.request(env))) {
                    denied.add(env + ": " + row);
                }
            }
        }
        assertEquals(List.of(), denied, "denied to the deploy roles");
    }

    @Test
    void planAndDriftRolesMayReadEveryListedResource() {
        List<String> denied = new ArrayList<>();
        for (String env : ENVIRONMENTS) {
            for (String role : List.of("plan", "drift")) {
                JsonNode policy = policy("agent-platform-" + env + "-" + role);
                ROWS.stream().filter(r -> r.who().equals("read"))
                        .filter(r -> !IamPolicySimulator.allows(policy, r.request(env)))
                        .forEach(r -> denied.add(env + "-" + role + ": " + r));
            }
        }
        assertEquals(List.of(), denied, "denied to the read-only roles");
    }

    @Test
    void everyServicePrefixThePlatformCreatesResourcesInIsGrantedToEveryDeployRole() {
        SortedSet<String> declared = SOURCE.awsResourceTypes();
        SortedSet<String> prefixes = new TreeSet<>();
        ROWS.stream().filter(r -> declared.contains(r.type()))
                .forEach(r -> prefixes.add(r.action().substring(0, r.action().indexOf(':'))));
        assertTrue(prefixes.containsAll(List.of("ec2", "iam", "s3")), prefixes::toString);
        for (String env : ENVIRONMENTS) {
            String granted = policy("agent-platform-" + env + "-deploy").toString();
            for (String prefix : prefixes) {
                assertTrue(granted.contains("\"" + prefix + ":"), env + " deploy role grants nothing of " + prefix);
            }
        }
    }

    @Test
    void deployRolesMayPassWorkloadRolesToEveryServiceTheProgramsRolesTrust() {
        SortedSet<String> trusted = SOURCE.trustedServices();
        assertTrue(trusted.contains("eks.amazonaws.com"), trusted::toString);
        for (String env : ENVIRONMENTS) {
            String workloadRole = "arn:aws:iam::" + RecordingMocks.ACCOUNT + ":role/agent-platform/" + env
                    + "/agent-platform-" + env + "-x-role";
            String ciRole = "arn:aws:iam::" + RecordingMocks.ACCOUNT + ":role/agent-platform-ci/agent-platform-" + env
                    + "-deploy";
            JsonNode deploy = policy("agent-platform-" + env + "-deploy");
            for (String service : trusted) {
                assertTrue(IamPolicySimulator.allows(deploy, passRole(workloadRole, service)),
                        env + " deploy role may not pass the program's roles to " + service);
                assertFalse(IamPolicySimulator.allows(deploy, passRole(ciRole, service)), ciRole);
            }
            assertFalse(IamPolicySimulator.allows(deploy, passRole(workloadRole, "lambda.amazonaws.com")),
                    "only to the services the program uses");
        }
    }

    private static Request passRole(String role, String service) {
        return new Request("iam:PassRole", role, Map.of("iam:PassedToService", service));
    }

    private static List<Row> loadTable() {
        List<Row> rows = new ArrayList<>();
        try (var in = PlatformPermissionsTest.class.getResourceAsStream(TABLE)) {
            Objects.requireNonNull(in, TABLE);
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4 || !List.of("deploy", "read").contains(f[1]) || !f[2].contains(":")) {
                    throw new IllegalStateException(TABLE + ":" + n + ": expected type, deploy|read, service:Action"
                            + " and resource, found " + line);
                }
                rows.add(new Row(n, f[0], f[1], f[2], f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
