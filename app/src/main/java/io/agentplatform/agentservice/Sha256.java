package io.agentplatform.agentservice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of text (UTF-8) from a copy of one digest: MessageDigest.getInstance looks the provider up on every call,
 * 2 % of a POST's CPU samples when the cache key, the request hash and the offline model each did (docs/benchmarks.md).
 */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE = prototype();

    private Sha256() {
    }

    public static byte[] of(String text) {
        try {
            return ((MessageDigest) PROTOTYPE.clone()).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 implementation cannot be copied", e);
        }
    }

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
