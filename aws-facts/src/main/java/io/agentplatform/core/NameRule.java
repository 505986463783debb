package io.agentplatform.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What AWS accepts as the physical name of one resource type (see {@code insights/aws-name-rules.json}).
 *
 * @param type        Pulumi type token, e.g. {@code aws:iam/role:Role}
 * @param autoName    the input the provider fills from the logical name when the program gives none
 * @param prefixInput the {@code *Prefix} input, if the type has one
 * @param min         shortest name AWS accepts
 * @param max         longest name AWS accepts
 * @param pattern     the characters AWS accepts, as a whole-name regex
 * @param rule        the pattern in words, for messages
 * @param source      the AWS page that states the limit
 */
public record NameRule(String type, String autoName, Optional<String> prefixInput, int min, int max, Pattern pattern,
                       String rule, String source) {

    /** Why AWS would refuse {@code name} for this type, or empty when it would accept it. */
    public Optional<String> problem(String name) {
        if (name.length() > max || name.length() < min) {
            return Optional.of("is " + name.length() + " characters, " + (name.length() > max
                    ? "over the limit of " + max : "under the minimum of " + min));
        }
        if (!pattern.matcher(name).matches()) {
            return Optional.of("breaks the character rule: " + rule);
        }
        return Optional.empty();
    }
}
