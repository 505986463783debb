package io.agentplatform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the settings reference of docs/configuration.md and the {@code config:} block of Pulumi.yaml from the
 * declarations, so neither is kept in sync by hand. ConfigDocsTest fails when a committed file differs from this
 * rendering; {@code scripts/config-docs.sh} rewrites both.
 */
public final class ConfigDocs {
    public static final String BEGIN = "<!-- BEGIN settings: generated from the declarations in io.agentplatform.config "
            + "(scripts/config-docs.sh); do not edit by hand -->";
    public static final String END = "<!-- END settings -->";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigDocs() {}

    /** The Markdown between {@link #BEGIN} and {@link #END}. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        Section top = TopLevelSection.SECTION;
        md.append("## ").append(top.summary()).append("\n\n");
        table(md, top, List.of());
        md.append("\nPlatform stacks also need `aws:region` (the zone count is checked against the region). ")
                .append("Every object below may be left out (`{}`) unless marked required.\n");
        for (Section s : ConfigSections.OBJECTS) {
            section(md, s, "## ");
        }
        md.append("\n## Secrets\n\nSet with `pulumi config set --secret agent-platform:<name> <value> --stack <stack>`; ")
                .append("each is required only when the feature that uses it is on.\n\n| secret | required | what |\n|---|---|---|\n");
        for (SecretSettings.Secret secret : SecretSettings.ALL) {
            md.append("| `").append(secret.name()).append("` | ").append(secret.needed()).append(" | ")
                    .append(secret.what()).append(" |\n");
        }
        return md.toString();
    }

    private static void section(StringBuilder md, Section s, String heading) {
        md.append('\n').append(heading).append('`').append(s.key()).append("`\n\n").append(s.summary()).append('.');
        md.append(absence(s));
        md.append('\n');
        if (!s.notes().isEmpty()) {
            md.append('\n').append(s.notes()).append('\n');
        }
        if (!s.settings().isEmpty() || !s.nested().isEmpty()) {
            md.append('\n');
            table(md, s, s.nested());
        }
        for (Section inner : s.nested()) {
            section(md, inner, "### ");
        }
    }

    private static void table(StringBuilder md, Section s, List<Section> nested) {
        md.append("| key | type | default | allowed | what it does |\n|---|---|---|---|---|\n");
        for (Setting<?> setting : s.settings()) {
            md.append("| `").append(setting.name()).append("` | ").append(setting.type()).append(" | ")
                    .append(setting.defaultText(s.kinds())).append(" | ").append(setting.allowed()).append(" | ")
                    .append(setting.description()).append(" |\n");
        }
        for (Section inner : nested) {
            String type = inner.absent().equals("`[]`") ? "list of objects" : "object";
            md.append("| `").append(inner.name()).append("` | ").append(type).append(" | ").append(inner.absent())
                    .append(" |  | ").append(inner.summary()).append(" (below) |\n");
        }
    }

    /** The {@code config:} block of Pulumi.yaml, from the line {@code config:} to the end of the file. */
    public static String pulumiConfig() {
        StringBuilder y = new StringBuilder("config:\n");
        for (Setting<?> setting : List.of(TopLevelSection.ENVIRONMENT, TopLevelSection.OWNER)) {
            y.append("  ").append(setting.name()).append(":\n    type: string\n    description: ")
                    .append(quote(plain(setting.description() + " (" + setting.type() + ")"))).append('\n');
            String fallback = setting.defaultText(Section.ALL);
            if (!fallback.equals("required")) {
                y.append("    default: ").append(plain(fallback)).append('\n');
            }
        }
        y.append("  ").append(TopLevelSection.TAGS.name()).append(":\n    type: object\n    default: {}\n")
                .append("    description: ").append(quote(plain(TopLevelSection.TAGS.description() + "; "
                        + TopLevelSection.TAGS.allowed()))).append('\n');
        for (Section s : ConfigSections.OBJECTS) {
            y.append("  ").append(s.key()).append(":\n    type: object\n    default: {}\n    description: ")
                    .append(quote(plain(describe(s)))).append('\n');
        }
        return y.toString();
    }

    /** One line per object for Pulumi.yaml: what it is, then each field with its type and default. */
    private static String describe(Section s) {
        return s.summary() + "." + absence(s) + " Fields: " + fields(s) + ". See docs/configuration.md.";
    }

    /** What leaving the object out means, as a sentence; nothing when it simply means all defaults. */
    private static String absence(Section s) {
        if (s.absent().equals("`{}`")) {
            return "";
        }
        String text = s.absent();
        return text.startsWith("required") ? " R" + text.substring(1) + "." : " Left out: " + text + ".";
    }

    private static String fields(Section s) {
        String fields = s.settings().stream().map(f -> {
            String fallback = f.defaultText(s.kinds());
            return f.name() + " (" + f.type() + ", " + (fallback.equals("required") ? fallback : "default " + fallback) + ")";
        }).collect(Collectors.joining("; "));
        String inner = s.nested().stream().map(n -> n.name() + " {" + fields(n) + "}").collect(Collectors.joining("; "));
        return fields.isEmpty() ? inner : inner.isEmpty() ? fields : fields + "; " + inner;
    }

    private static String plain(String markdown) {
        return markdown.replace("\\|", "|").replace("`", "");
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
