package io.agentplatform.plan;

import io.agentplatform.core.NameRule;
import io.agentplatform.core.NameRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The physical name AWS would get for a resource, made the way pulumi-aws makes it, and the reason AWS or the
 * provider would refuse it: an explicit name as given, a {@code *Prefix} input plus the provider's 26-character unique
 * id, otherwise the logical name plus {@code -} and seven random characters (checked at preview by the provider,
 * which fails with "name '…-' plus 7 random chars is longer than maximum length …"); and the other inputs AWS
 * limits the same way ({@link NameRules#inputRules}, e.g. an IAM role's path).
 */
final class PhysicalNames {
    private PhysicalNames() {}

    /**
     * A refused name or input: which resource, what was refused ({@code physical name}, {@code path}), its value, how
     * it was made and why AWS refuses it.
     */
    record Refusal(String type, String logicalName, String what, String value, String madeFrom, String problem,
                   NameRule rule) {
        String message() {
            return type + " " + logicalName + ": " + what + " '" + value + "' (" + madeFrom + ") " + problem
                    + " (" + rule.type() + " allows " + rule.min() + "-" + rule.max() + " characters, " + rule.rule()
                    + "; " + rule.source() + ")";
        }
    }

    /** Every reason AWS would refuse the resource's physical name or a checked input; empty when it would accept them. */
    static List<Refusal> check(String type, String logicalName, Map<String, Object> inputs) {
        List<Refusal> refused = new ArrayList<>();
        physicalName(type, logicalName, inputs).ifPresent(refused::add);
        NameRules.table().inputRules(type).forEach((input, rule) -> {
            // An empty string is no value: the provider then applies its default, as for an unset input.
            if (inputs.get(input) instanceof String value && !value.isEmpty()) {
                rule.problem(value).ifPresent(p -> refused.add(
                        new Refusal(type, logicalName, input, value, "explicit " + input, p, rule)));
            }
        });
        return refused;
    }

    private static Optional<Refusal> physicalName(String type, String logicalName, Map<String, Object> inputs) {
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
            return rule.problem(physical).map(p -> new Refusal(type, logicalName, "physical name", physical, madeFrom, p,
                    rule));
        });
    }
}
