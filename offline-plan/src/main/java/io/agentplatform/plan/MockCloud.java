package io.agentplatform.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values a real AWS account and cluster would hand back, made up deterministically from each resource's type
 * and name: ids look like AWS ids, ARNs like ARNs, endpoints like {@code host:port}. The same stack therefore gives
 * the same plan on every run, and everything derived from these values (connection strings, trust policies) is
 * meaningful to read and to test. What each type computes is registered per service in {@link MockTypes}; what AWS
 * refuses is checked by {@link PhysicalNames}.
 */
final class MockCloud {
    /** The account id AWS uses in its own documentation. */
    static final String ACCOUNT = "123456789012";

    private final String region;
    private final Map<String, Map<String, Object>> referencedStacks;
    private final MockTypes types = MockTypes.standard();

    /**
     * @param referencedStacks outputs of the stacks a StackReference may name, by reference name; secret outputs
     *                         hold stand-in values
     */
    MockCloud(String region, Map<String, Map<String, Object>> referencedStacks) {
        this.region = region;
        this.referencedStacks = referencedStacks;
    }

    String region() {
        return region;
    }

    /** The short region code ElastiCache uses in endpoints (eu-west-1 → euw1). */
    String regionCode() {
        String[] p = region.split("-");
        return p.length < 3 ? region : p[0] + p[1].charAt(0) + p[2];
    }

    /** The outputs of a referenced stack; none for a stack that was never deployed. */
    Map<String, Object> referencedStack(String name) {
        return referencedStacks.getOrDefault(name, Map.of());
    }

    /** The id and the computed outputs of a resource, merged over its inputs. */
    Map<String, Object> state(String type, String name, Map<String, Object> inputs, String id) {
        Map<String, Object> state = new LinkedHashMap<>(inputs);
        MockResource resource = new MockResource(type, name, inputs, id, this);
        MockFamilies.addOutputs(resource, state);
        types.forType(type).addOutputs(resource, state);
        return state;
    }

    /** The type's own kind of id where it has one (an EC2 prefix, a bucket's name, a UUID), a hash otherwise. */
    String id(String type, String name, Map<String, Object> inputs) {
        return types.forType(type).id(name, inputs).orElseGet(() -> hex(type + "::" + name, 20));
    }

    /** Answers the provider functions (invokes) the program calls. */
    Map<String, Object> invoke(String token, Map<String, Object> args) {
        return ProviderFunctionMocks.invoke(this, token, args);
    }

    static String hex(String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A physical name the way Pulumi auto-names: the logical name plus seven hex characters. */
    static String autoName(String name) {
        return name + "-" + hex("autoname:" + name, 7);
    }

    static String uuid(String seed) {
        String h = hex(seed, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
                + h.substring(20, 32);
    }

    static String stringOr(Object value, String fallback) {
        return value instanceof String s && !s.isEmpty() ? s : fallback;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOr(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
