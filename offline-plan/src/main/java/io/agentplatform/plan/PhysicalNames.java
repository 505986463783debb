package io.agentplatform.plan;

import io.agentplatform.core.NameRule;
import io.agentplatform.core.NameRules;

import java.util.Map;
import java.util.Optional;

/**
 * The physical name AWS would get for a resource, made the way pulumi-aws makes it, and the reason AWS or the
 * provider would refuse it: an explicit name as given, a {@code *Prefix} input plus the provider's 26-character unique
 * id, otherwise the logical name plus {@code -} and seven random characters (checked at preview by the provider,
 * which fails with "name '…-' plus 7 random chars is longer than maximum length …").
 */
final class PhysicalNames {
    private PhysicalNames() {}

    /** A refused name: which resource, the name, how it was made and why AWS refuses it. */
    record Refusal(String type, String logicalName, String physicalName, String madeFrom, String problem, NameRule rule) {
        String message() {
            return type + " " + logicalName + ": physical name '" + physicalName + "' (" + madeFrom + ") " + problem
                    + " (" + rule.type() + " allows " + rule.min() + "-" + rule.max() + " characters, " + rule.rule()
                    + "; " + rule.source() + ")";
        }
    }

    static Optional<Refusal> check(String type, String logicalName, Map<String, Object> inputs) {
        return NameRules.table().forType(type).flatMap(rule -> {
            String physical;
            String madeFrom;
            if (inputs.get(rule.autoName()) instanceof String explicit && !explicit.isEmpty()) {
                physical = explicit;
                madeFrom = "explicit " + rule.autoName();
            } else if (rule.prefixInput().map(inputs::get).orElse(null) instanceof String prefix && !prefix.isEmpty()) {
                physical = prefix + "0".repeat(NameRules.table().prefixSuffixLength());
                madeFrom = rule.prefixInput().orElseThrow() + " '" + prefix + "' plus the provider's "
                        + NameRules.table().prefixSuffixLength() + "-character unique id";
            } else {
                physical = MockCloud.autoName(logicalName);
                madeFrom = "auto-named: the logical name plus '-' and " + (NameRules.table().autoNameOverhead() - 1)
                        + " random characters";
            }
            return rule.problem(physical).map(p -> new Refusal(type, logicalName, physical, madeFrom, p, rule));
        });
    }
}
