package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decides one request against an identity policy as IAM does, for the parts the bootstrap's policies use: an
 * explicit Deny wins, otherwise any matching Allow; Action and Resource with {@code *} and {@code ?} wildcards
 * (actions case-insensitive, ARNs not); conditions StringEquals, StringLike, ArnEquals and ArnLike on single-valued
 * keys, where a key the request does not carry fails the condition. A statement with anything else (NotAction,
 * NotResource, another operator) fails the test instead of being guessed at.
 */
final class IamPolicySimulator {
    private static final Set<String> FIELDS = Set.of("Sid", "Effect", "Action", "Resource", "Condition");
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringLike", "ArnEquals", "ArnLike");

    /** One API request: the IAM action, the ARN it is authorised on, and its condition keys. */
    record Request(String action, String resource, Map<String, String> context) {
    }

    private IamPolicySimulator() {
    }

    static boolean allows(JsonNode policy, Request request) {
        boolean allowed = false;
        for (JsonNode statement : policy.get("Statement")) {
            if (applies(statement, request)) {
                if (!statement.get("Effect").asText().equals("Allow")) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /**
     * A request authorised on several resources at once (kms:UpdateAlias: the alias, the key it points to and the
     * key it is to point to) is allowed only when each of them is.
     */
    static boolean allowsAll(JsonNode policy, String action, List<String> resources, Map<String, String> context) {
        return resources.stream().allMatch(r -> allows(policy, new Request(action, r, context)));
    }

    private static boolean applies(JsonNode statement, Request request) {
        statement.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("the simulator does not model " + field + " in " + statement);
            }
        });
        return any(statement.get("Action"), p -> matches(p, request.action(), true))
                && any(statement.get("Resource"), p -> matches(p, request.resource(), false))
                && conditionsHold(statement.get("Condition"), request.context());
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        if (condition == null) {
            return true;
        }
        boolean hold = true;
        for (var operator : condition.properties()) {
            if (!OPERATORS.contains(operator.getKey())) {
                throw new IllegalArgumentException("the simulator does not model " + operator.getKey());
            }
            boolean wildcards = operator.getKey().endsWith("Like");
            for (var key : operator.getValue().properties()) {
                String value = context.get(key.getKey());
                hold &= value != null && any(key.getValue(), p -> wildcards ? matches(p, value, false) : p.equals(value));
            }
        }
        return hold;
    }

    private static boolean any(JsonNode patterns, Predicate<String> test) {
        if (patterns.isTextual()) {
            return test.test(patterns.asText());
        }
        for (JsonNode p : patterns) {
            if (test.test(p.asText())) {
                return true;
            }
        }
        return false;
    }

    /** IAM wildcards: {@code *} any run of characters (slashes and colons included), {@code ?} one character. */
    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("((?<=[*?])|(?=[*?]))")) {
            regex.append(switch (part) {
                case "*" -> ".*";
                case "?" -> ".";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }
}
