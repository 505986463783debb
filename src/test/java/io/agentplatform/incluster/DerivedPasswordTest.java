package io.agentplatform.incluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The application role's password is an HMAC of the configured one: stable, and not the configured one. */
class DerivedPasswordTest {

    @Test
    void isHmacSha256InHexAsRfc4231TestCase2() {
        // RFC 4231, 4.3: key "Jefe", data "what do ya want for nothing?".
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                DerivedPassword.hmacHex("Jefe", "what do ya want for nothing?"));
    }

    @Test
    void differsFromItsSourceAndPerLabel() {
        String source = "a-configured-database-password";
        assertNotEquals(source, DerivedPassword.hmacHex(source, "label-a"));
        assertNotEquals(DerivedPassword.hmacHex(source, "label-a"), DerivedPassword.hmacHex(source, "label-b"));
        assertEquals(DerivedPassword.hmacHex(source, "label-a"), DerivedPassword.hmacHex(source, "label-a"), "stable");
    }
}
