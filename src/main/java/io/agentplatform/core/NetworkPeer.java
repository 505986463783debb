package io.agentplatform.core;

import java.util.List;
import java.util.Map;

/**
 * The other end of a flow the agent's NetworkPolicies allow: address ranges outside the cluster (RDS, ElastiCache,
 * STS), or pods in the agent's namespace (the in-cluster data services). Each case says what it is, so no empty
 * list or placeholder range has to stand for "the pods".
 */
public sealed interface NetworkPeer permits NetworkPeer.Addresses, NetworkPeer.Pods {

    /** An IPv4 block and the parts of it excluded, as a NetworkPolicy ipBlock. */
    record IpRange(String cidr, List<String> except) {
        public IpRange {
            except = List.copyOf(except);
        }
    }

    /** Address ranges, at least one. */
    record Addresses(List<IpRange> ranges) implements NetworkPeer {
        public Addresses {
            if (ranges.isEmpty()) {
                throw new IllegalArgumentException("an address peer needs at least one range");
            }
            ranges = List.copyOf(ranges);
        }

        /** Whole CIDR blocks, nothing excluded (e.g. a stack's database subnets). */
        public static Addresses of(List<String> cidrs) {
            return new Addresses(cidrs.stream().map(c -> new IpRange(c, List.of())).toList());
        }
    }

    /** Pods of the agent's namespace carrying these labels. */
    record Pods(Map<String, String> labels) implements NetworkPeer {
        public Pods {
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("a pod peer needs labels: an empty selector would match every pod");
            }
            labels = Map.copyOf(labels);
        }
    }
}
