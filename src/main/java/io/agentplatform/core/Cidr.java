package io.agentplatform.core;

import java.util.Optional;

/** An IPv4 CIDR block, parsed strictly: {@code 10.0.0.0/16} but not {@code 10.0.0.1/16} (host bits set). */
public record Cidr(long network, int prefix) {

    public static Optional<Cidr> parse(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
            return Optional.empty();
        }
        String[] parts = text.split("/");
        int prefix = Integer.parseInt(parts[1]);
        if (prefix > 32) {
            return Optional.empty();
        }
        long address = 0;
        for (String octet : parts[0].split("\\.")) {
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            address = (address << 8) | value;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & ~mask & 0xFFFFFFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(address, prefix));
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public long last() {
        return network + size() - 1;
    }

    public boolean contains(Cidr other) {
        return other.network >= network && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return network <= other.last() && other.network <= last();
    }

    public boolean isAnywhere() {
        return prefix == 0;
    }

    @Override
    public String toString() {
        return ((network >> 24) & 255) + "." + ((network >> 16) & 255) + "." + ((network >> 8) & 255) + "."
                + (network & 255) + "/" + prefix;
    }
}
