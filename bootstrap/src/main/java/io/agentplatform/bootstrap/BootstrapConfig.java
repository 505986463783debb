package io.agentplatform.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed, validated configuration of the bootstrap stack.
 *
 * <p>Built from raw Pulumi config strings by {@link #parse(Function)}; every problem found is
 * collected and reported at once in a single {@link InvalidConfigException}.</p>
 *
 * @param githubRepository       {@code owner/name} of the repository whose workflows may assume the roles
 * @param environments           stacks / GitHub environments that get plan, drift and deploy roles
 * @param previewEnvironment     GitHub environment used by the ephemeral {@code pr-<n>} stacks
 * @param previewBaseEnvironment environment whose cluster hosts the ephemeral stacks
 * @param defaultBranch          branch whose scheduled/push runs may use the drift and image roles
 * @param regions                regions the deploy roles may act in
 * @param homeRegion             region of the bootstrap resources themselves ({@code aws:region})
 * @param workloadIamPath        IAM path under which each platform stack's roles live, in its own
 *                               {@link #environmentIamPath} ({@code /<platformProject>/}, as the program makes them)
 * @param ciIamPath              IAM path of the CI roles created here (never writable by deploy roles)
 * @param ecrRepositoryName      ECR repository for the agent image
 * @param stateBackend           where Pulumi state lives
 * @param createOidcProvider     create the GitHub OIDC provider, or use {@code existingOidcProviderArn}
 * @param existingOidcProviderArn ARN of an existing provider when {@code createOidcProvider} is false
 * @param platformProject        Pulumi project name of the platform program: the S3 state key layout, the first part
 *                               of its resource names ({@link #platformResourcePrefix}) and of every name this stack
 *                               creates (default {@code agent-platform}; {@code namePrefix} is its former name)
 */
public record BootstrapConfig(
        String githubRepository,
        List<String> environments,
        String previewEnvironment,
        String previewBaseEnvironment,
        String defaultBranch,
        List<String> regions,
        String homeRegion,
        String workloadIamPath,
        String ciIamPath,
        String ecrRepositoryName,
        StateBackend stateBackend,
        boolean createOidcProvider,
        Optional<String> existingOidcProviderArn,
        String platformProject) {

    /** Where the Pulumi state of the platform stacks is kept. */
    public enum StateBackend {
        PULUMI_CLOUD("pulumi-cloud"),
        S3("s3");

        private final String configValue;

        StateBackend(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }

        static Optional<StateBackend> fromConfig(String value) {
            for (StateBackend b : values()) {
                if (b.configValue.equals(value)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }
    }

    /** Thrown when the configuration is invalid; lists every problem found. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidConfigException(List<String> problems) {
            super("invalid agent-platform-bootstrap configuration (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static final String NAMESPACE = "agent-platform-bootstrap";

    // GitHub: owner 1-39 chars of alphanumerics/hyphens, not starting with a hyphen; repo name of
    // alphanumerics, '.', '_' and '-' (not "." or "..").
    static final Pattern REPOSITORY = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$");
    // Stack names double as GitHub environment names and IAM role name parts.
    static final Pattern ENVIRONMENT = Pattern.compile("^[a-z][a-z0-9-]{0,19}$");
    static final Pattern BRANCH = Pattern.compile("^(?!/)(?!.*//)(?!.*\\.\\.)[A-Za-z0-9._/-]{1,100}(?<![/.])$");
    static final Pattern REGION = Pattern.compile("^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]$");
    // Starts S3 bucket names (lower case) and the CI role names (64 characters with a 20-character environment).
    static final Pattern PROJECT = Pattern.compile("^[a-z][a-z0-9-]{1,23}[a-z0-9]$");
    static final Pattern IAM_PATH = Pattern.compile("^/(?:[A-Za-z0-9+=,.@_-]+/)+$");
    static final Pattern ECR_NAME = Pattern.compile("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$");
    static final Pattern OIDC_PROVIDER_ARN = Pattern.compile(
            "^arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses and validates the configuration.
     *
     * @param lookup returns the raw value of a key of the {@value #NAMESPACE} namespace (no prefix)
     * @param defaultRegion region used when {@code regions} is not set (normally {@code aws:region})
     */
    public static BootstrapConfig parse(Function<String, Optional<String>> lookup, Optional<String> defaultRegion) {
        List<String> problems = new ArrayList<>();

        String repository = lookup.apply("githubRepository").map(String::trim).orElse("");
        if (repository.isEmpty()) {
            problems.add("githubRepository is required (owner/name of the GitHub repository)");
        } else if (!REPOSITORY.matcher(repository).matches()) {
            problems.add("githubRepository '" + repository + "' is not an owner/name repository slug");
        }

        List<String> environments = list(lookup, "environments", List.of("dev", "staging", "production"), problems);
        if (environments.isEmpty()) {
            problems.add("environments must name at least one environment");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String env : environments) {
            if (!ENVIRONMENT.matcher(env).matches()) {
                problems.add("environment '" + env + "' must match " + ENVIRONMENT.pattern());
            }
            if (!seen.add(env)) {
                problems.add("environment '" + env + "' is listed more than once");
            }
            if (env.matches("^pr-[0-9]+$")) {
                problems.add("environment '" + env + "' collides with the ephemeral pr-<number> stacks");
            }
        }

        String preview = lookup.apply("previewEnvironment").map(String::trim).orElse("preview");
        if (!ENVIRONMENT.matcher(preview).matches()) {
            problems.add("previewEnvironment '" + preview + "' must match " + ENVIRONMENT.pattern());
        } else if (environments.contains(preview)) {
            problems.add("previewEnvironment '" + preview + "' must differ from the deploy environments");
        }

        String previewBase = lookup.apply("previewBaseEnvironment").map(String::trim)
                .orElse(environments.contains("dev") ? "dev" : environments.isEmpty() ? "" : environments.get(0));
        if (!environments.contains(previewBase)) {
            problems.add("previewBaseEnvironment '" + previewBase + "' is not one of the environments " + environments);
        }

        String branch = lookup.apply("defaultBranch").map(String::trim).orElse("main");
        if (!BRANCH.matcher(branch).matches()) {
            problems.add("defaultBranch '" + branch + "' is not a valid branch name");
        }

        List<String> regions = list(lookup, "regions", defaultRegion.map(List::of).orElse(List.of()), problems);
        if (regions.isEmpty()) {
            problems.add("regions is required when aws:region is not set");
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                problems.add("region '" + region + "' is not an AWS region name");
            }
        }

        String homeRegion = defaultRegion.orElse(regions.isEmpty() ? "" : regions.get(0));
        if (!regions.isEmpty() && !regions.contains(homeRegion)) {
            problems.add("regions " + regions + " must include aws:region '" + homeRegion + "'");
        }

        String project = platformProject(lookup, problems);

        String workloadPath = lookup.apply("workloadIamPath").map(String::trim).orElse("/" + project + "/");
        if (!IAM_PATH.matcher(workloadPath).matches()) {
            problems.add("workloadIamPath '" + workloadPath + "' must look like /name/ (IAM path)");
        }
        String ciPath = lookup.apply("ciIamPath").map(String::trim).orElse("/" + project + "-ci/");
        if (!IAM_PATH.matcher(ciPath).matches()) {
            problems.add("ciIamPath '" + ciPath + "' must look like /name/ (IAM path)");
        }
        if (ciPath.startsWith(workloadPath) || workloadPath.startsWith(ciPath)) {
            problems.add("ciIamPath '" + ciPath + "' and workloadIamPath '" + workloadPath
                    + "' must not contain each other (deploy roles could otherwise edit the CI roles)");
        }

        String ecrName = lookup.apply("ecrRepositoryName").map(String::trim).orElse(project + "/agent");
        if (ecrName.length() < 2 || ecrName.length() > 256 || !ECR_NAME.matcher(ecrName).matches()) {
            problems.add("ecrRepositoryName '" + ecrName + "' is not a valid ECR repository name");
        }

        String backendValue = lookup.apply("stateBackend").map(String::trim).orElse("pulumi-cloud");
        Optional<StateBackend> backend = StateBackend.fromConfig(backendValue);
        if (backend.isEmpty()) {
            problems.add("stateBackend '" + backendValue + "' must be one of pulumi-cloud, s3");
        }

        boolean createOidc = true;
        Optional<String> createOidcRaw = lookup.apply("createOidcProvider").map(String::trim);
        if (createOidcRaw.isPresent()) {
            switch (createOidcRaw.get()) {
                case "true" -> createOidc = true;
                case "false" -> createOidc = false;
                default -> problems.add("createOidcProvider '" + createOidcRaw.get() + "' must be true or false");
            }
        }
        Optional<String> existingArn = lookup.apply("existingOidcProviderArn").map(String::trim).filter(s -> !s.isEmpty());
        if (!createOidc && existingArn.isEmpty()) {
            problems.add("existingOidcProviderArn is required when createOidcProvider is false");
        }
        if (createOidc && existingArn.isPresent()) {
            problems.add("existingOidcProviderArn is set but createOidcProvider is true; set it to false to reuse the provider");
        }
        existingArn.filter(arn -> !OIDC_PROVIDER_ARN.matcher(arn).matches()).ifPresent(arn ->
                problems.add("existingOidcProviderArn '" + arn + "' is not the ARN of a token.actions.githubusercontent.com provider"));

        problems.addAll(overlappingNames(project, environments,
                backend.filter(b -> b == StateBackend.S3).map(b -> stateBucketPrefix(project))));

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new BootstrapConfig(repository, List.copyOf(environments), preview, previewBase, branch,
                List.copyOf(regions), homeRegion, workloadPath, ciPath, ecrName, backend.orElseThrow(), createOidc,
                existingArn, project);
    }

    /**
     * {@code platformProject}, or {@code namePrefix} (its former name, kept so existing stack files work) when only
     * that is set; both set to different values is refused, as the two would name the same things.
     */
    private static String platformProject(Function<String, Optional<String>> lookup, List<String> problems) {
        Optional<String> project = lookup.apply("platformProject").map(String::trim);
        Optional<String> legacy = lookup.apply("namePrefix").map(String::trim);
        if (project.isPresent() && legacy.isPresent() && !project.equals(legacy)) {
            problems.add("namePrefix '" + legacy.get() + "' and platformProject '" + project.get() + "' differ:"
                    + " namePrefix is the former name of platformProject (the platform program's Pulumi project"
                    + " name, which starts every name); remove namePrefix");
        }
        String setting = project.isPresent() || legacy.isEmpty() ? "platformProject" : "namePrefix";
        String value = project.or(() -> legacy).orElse("agent-platform");
        if (!PROJECT.matcher(value).matches()) {
            problems.add(setting + " '" + value + "' must match " + PROJECT.pattern()
                    + " (it starts S3 bucket and IAM role names)");
        }
        return value;
    }

    /**
     * Each deploy role manages the buckets, queues, event rules and KMS aliases named
     * {@code <platformProject>-<env>-*}; that pattern must not also cover another environment's resources
     * ({@code dev} and {@code dev-eu}) nor the state bucket and its key's alias.
     */
    private static List<String> overlappingNames(String project, List<String> environments,
                                                 Optional<String> stateBucketPrefix) {
        List<String> problems = new ArrayList<>();
        for (String env : new LinkedHashSet<>(environments)) {
            String own = project + "-" + env + "-";
            for (String other : new LinkedHashSet<>(environments)) {
                if (!other.equals(env) && (project + "-" + other + "-").startsWith(own)) {
                    problems.add("environments '" + env + "' and '" + other + "' overlap: the deploy role of " + env
                            + " manages resources named " + own + "*, which includes those of " + other
                            + "; choose environment names where neither is the other plus '-…'");
                }
            }
            stateBucketPrefix.filter(state -> state.startsWith(own) || own.startsWith(state)).ifPresent(state ->
                    problems.add("environment '" + env + "' would let its deploy role manage the state bucket "
                            + state + "… and the state key's alias (it manages buckets and aliases named " + own
                            + "*); rename the environment"));
        }
        return problems;
    }

    static String stateBucketPrefix(String platformProject) {
        return platformProject + "-pulumi-state-";
    }

    /** Alias of the state key, the {@code awskms://} secrets provider of every platform stack. */
    public String stateKeyAlias() {
        return "alias/" + platformProject + "-pulumi-state";
    }

    /** Alias of the agent image repository's key. */
    public String ecrKeyAlias() {
        return "alias/" + platformProject + "-ecr";
    }

    /** Convenience for tests and tools: parse from a plain map of keys without namespace. */
    public static BootstrapConfig parse(Map<String, String> values, Optional<String> defaultRegion) {
        return parse(key -> Optional.ofNullable(values.get(key)), defaultRegion);
    }

    /** Accepts a YAML/JSON list (Pulumi structured config arrives as JSON) or a comma-separated string. */
    private static List<String> list(Function<String, Optional<String>> lookup, String key, List<String> dflt,
                                     List<String> problems) {
        Optional<String> raw = lookup.apply(key).map(String::trim);
        if (raw.isEmpty()) {
            return dflt;
        }
        String value = raw.get();
        List<String> out = new ArrayList<>();
        if (value.startsWith("[")) {
            try {
                JsonNode node = JSON.readTree(value);
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        problems.add(key + " must be a list of strings, found " + item);
                        continue;
                    }
                    out.add(item.asText().trim());
                }
            } catch (JsonProcessingException e) {
                problems.add(key + " is not a valid list: " + e.getOriginalMessage());
            }
        } else {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** The OIDC {@code sub} claim GitHub issues for pull_request workflow runs. */
    public String pullRequestSubject() {
        return "repo:" + githubRepository + ":pull_request";
    }

    /** The OIDC {@code sub} claim for jobs that reference a GitHub environment. */
    public String environmentSubject(String environment) {
        return "repo:" + githubRepository + ":environment:" + environment;
    }

    /** The OIDC {@code sub} claim for push/schedule runs on the default branch without an environment. */
    public String defaultBranchSubject() {
        return "repo:" + githubRepository + ":ref:refs/heads/" + defaultBranch;
    }

    /**
     * Start of every resource name of the platform stack {@code environment}: {@code <platformProject>-<env>-}, as
     * the program's {@code Naming} builds {@code <project>-<stack>-<component>-…}.
     */
    public String platformResourcePrefix(String environment) {
        return platformProject + "-" + environment + "-";
    }

    /**
     * IAM path of the roles and policies of the platform stack {@code environment}: {@code <workloadIamPath><env>/},
     * as the program's {@code Naming.iamPath()} makes {@code /<project>/<stack>/}. Each deploy role manages IAM only
     * there, so no environment can rewrite, attach policies to or pass another's roles.
     */
    public String environmentIamPath(String environment) {
        return workloadIamPath + environment + "/";
    }

    public boolean createsStateBackend() {
        return stateBackend == StateBackend.S3;
    }
}
