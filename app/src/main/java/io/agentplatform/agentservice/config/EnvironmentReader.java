package io.agentplatform.agentservice.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads environment variables for {@link ServiceConfig} and {@link MigrationConfig}, collecting every
 * problem instead of failing on the first one.
 */
final class EnvironmentReader {
    /** An unquoted PostgreSQL role name: the SQL that manages it never needs quoting rules. */
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** AWS region names such as eu-west-1, us-gov-west-1, ap-southeast-5. */
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvironmentReader(Map<String, String> env) {
        this.env = env;
    }

    void problem(String name, String shownValue, String allowed) {
        problems.add(name + "=\"" + shownValue + "\" is invalid: " + allowed);
    }

    private Optional<String> raw(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String required(String name) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            problems.add(name + " is not set: it is required");
            return null;
        }
        return value.get();
    }

    boolean isSet(String name) {
        return raw(name).isPresent();
    }

    /** A role name PostgreSQL takes without quotes; reserved prefixes (pg_, rds) belong to the server. */
    String roleName(String name, boolean required) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            if (required) {
                problems.add(name + " is not set: it is required");
            }
            return null;
        }
        String role = value.get();
        if (!ROLE_NAME.matcher(role).matches() || role.startsWith("pg_") || role.startsWith("rds")) {
            problem(name, role, "must be a PostgreSQL role name of 1 to 63 characters from a-z 0-9 _,"
                    + " starting with a letter or _, not starting with pg_ or rds");
            return null;
        }
        return role;
    }

    DatabaseAuth databaseAuth(String name) {
        String value = oneOf(name, DatabaseAuth.PASSWORD.value(), Set.of("iam", "password"), false);
        return DatabaseAuth.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /**
     * A password for {@code auth=password} (required then); with {@code auth=iam} none may be given,
     * so that a pod meant to hold no database password cannot be handed one by mistake.
     */
    Optional<Secret> passwordFor(DatabaseAuth auth, String authName, String inlineName, String fileName) {
        if (auth == DatabaseAuth.PASSWORD) {
            return secret(inlineName, fileName, true);
        }
        for (String name : new String[] {inlineName, fileName}) {
            if (env.get(name) != null && !env.get(name).isEmpty()) {
                problems.add(name + " is set but " + authName + "=iam: with IAM authentication no database password"
                        + " may be given; remove " + name + " or set " + authName + "=password");
            }
        }
        return Optional.empty();
    }

    Optional<String> awsRegion(String name, boolean required, String why) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            if (required) {
                problems.add(name + " is not set: it is required " + why);
            }
            return Optional.empty();
        }
        if (!AWS_REGION.matcher(value.get()).matches()) {
            problem(name, value.get(), "must be an AWS region name such as eu-west-1");
            return Optional.empty();
        }
        return value;
    }

    String text(String name, String defaultValue) {
        return raw(name).orElse(defaultValue);
    }

    int integer(String name, int defaultValue, int min, int max) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                problem(name, value.get(), "must be a whole number from " + min + " to " + max);
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problem(name, value.get(), "must be a whole number from " + min + " to " + max);
            return defaultValue;
        }
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                problem(name, value.get(), "must be true or false");
                return defaultValue;
        }
    }

    String oneOf(String name, String defaultValue, Set<String> allowed, boolean upperCase) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String normalized = upperCase ? value.get().toUpperCase(Locale.ROOT) : value.get().toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalized)) {
            problem(name, value.get(), "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            return defaultValue;
        }
        return normalized;
    }

    Optional<URI> httpUrl(String name) {
        Optional<String> value = raw(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value.get());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            if (uri.getUserInfo() != null) {
                // Credentials in the URL would end up in logs; they belong in LLM_API_KEY(_FILE).
                problems.add(name + " is invalid: must not contain credentials (use LLM_API_KEY or LLM_API_KEY_FILE)");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            problem(name, value.get(), "must be an absolute http:// or https:// URL such as https://api.openai.com/v1");
            return Optional.empty();
        }
    }

    /** The *_FILE variant wins over the inline one; a secret's value is never echoed in a problem. */
    Optional<Secret> secret(String inlineName, String fileName, boolean required) {
        Optional<String> file = raw(fileName);
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                problem(fileName, file.get(), "must be the path of a readable file");
                return Optional.empty();
            }
            return Optional.of(Secret.fromFile(path));
        }
        String inline = env.get(inlineName);
        if (inline != null && !inline.isEmpty()) {
            return Optional.of(Secret.inline(inline));
        }
        if (required) {
            problems.add(inlineName + " or " + fileName + " must be set");
        }
        return Optional.empty();
    }

    void throwIfAnyProblem() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
    }
}
