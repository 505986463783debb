package io.agentplatform.config;

import io.agentplatform.core.Cidr;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void parsesWellFormedBlocksAndRejectsMalformedOnes() {
        assertEquals("10.0.0.0/16", Cidr.parse("10.0.0.0/16").orElseThrow().toString());
        assertTrue(Cidr.parse("10.0.0.0/33").isEmpty());
        assertTrue(Cidr.parse("256.0.0.0/8").isEmpty());
        assertTrue(Cidr.parse("10.0.0.1/16").isEmpty(), "host bits set");
        assertTrue(Cidr.parse("10.0.0.0").isEmpty());
    }

    @Test
    void containmentAndOverlap() {
        Cidr vpc = Cidr.parse("10.10.0.0/16").orElseThrow();
        Cidr inside = Cidr.parse("10.10.32.0/19").orElseThrow();
        Cidr outside = Cidr.parse("10.11.0.0/24").orElseThrow();
        assertTrue(vpc.contains(inside));
        assertFalse(vpc.contains(outside));
        assertTrue(inside.overlaps(Cidr.parse("10.10.40.0/24").orElseThrow()));
        assertFalse(inside.overlaps(Cidr.parse("10.10.64.0/19").orElseThrow()));
        assertTrue(Cidr.parse("0.0.0.0/0").orElseThrow().isAnywhere());
    }
}
