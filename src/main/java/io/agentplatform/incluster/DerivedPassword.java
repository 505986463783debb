package io.agentplatform.incluster;

import com.pulumi.core.Output;
import io.agentplatform.config.SecretValue;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A second password derived from a configured one, without a new setting: HMAC-SHA256 keyed with the configured
 * secret over a fixed label, in hex. Knowing the derived password reveals nothing about the configured one, so the
 * in-cluster database's application role gets a password that cannot log in as the superuser. Stable across runs
 * (no diff on every {@code pulumi up}) and a Pulumi secret like its source.
 */
public final class DerivedPassword {
    private DerivedPassword() {}

    /** The derived password for {@code label}, as a secret output. */
    public static Output<String> of(SecretValue source, String label) {
        return source.output().applyValue(secret -> hmacHex(secret, label)).asSecret();
    }

    static String hmacHex(String key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
