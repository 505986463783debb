package io.agentplatform.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the platform program's Java source ({@code ../src/main/java} from {@code bootstrap/}, or the directory in
 * the system property {@value #SOURCE_PROPERTY}) says about the AWS side: the resource classes it uses and the
 * services its IAM roles trust. Read as text, so the bootstrap needs neither the program nor its plan to know.
 */
final class PlatformProgramSource {
    static final String SOURCE_PROPERTY = "platform.source";
    /** {@code com.pulumi.aws.<module>.<Class>}; classes of {@code inputs}/{@code outputs} packages do not match. */
    private static final Pattern AWS_CLASS = Pattern.compile("com\\.pulumi\\.aws\\.([a-z0-9]+)\\.([A-Z][A-Za-z0-9]*)");
    private static final Pattern WILDCARD_IMPORT = Pattern.compile("import\\s+com\\.pulumi\\.aws\\.[a-z0-9.]*\\*\\s*;");
    private static final Pattern TRUSTED_SERVICE = Pattern.compile("trustService\\(\"([^\"]+)\"\\)");

    private final List<Path> files;

    private PlatformProgramSource(List<Path> files) {
        this.files = files;
    }

    static PlatformProgramSource read() {
        Path root = Path.of(System.getProperty(SOURCE_PROPERTY, "../src/main/java"));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the platform program's source is not at " + root.toAbsolutePath()
                    + "; run the bootstrap tests from bootstrap/ in the repository or set -D" + SOURCE_PROPERTY);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return new PlatformProgramSource(walk.filter(p -> p.toString().endsWith(".java")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** AWS resource classes as {@code <module>.<Class>}, e.g. {@code s3.BucketV2}: no {@code *Args}, no functions. */
    SortedSet<String> awsResourceTypes() {
        SortedSet<String> types = new TreeSet<>();
        for (Path file : files) {
            String text = text(file);
            Matcher wildcard = WILDCARD_IMPORT.matcher(text);
            if (wildcard.find()) {
                throw new IllegalStateException(file + ": '" + wildcard.group() + "' hides which AWS resources the"
                        + " program creates from the bootstrap's permission check; import the classes one by one");
            }
            Matcher m = AWS_CLASS.matcher(text);
            while (m.find()) {
                String type = m.group(2);
                if (!type.endsWith("Args") && !type.endsWith("Functions")) {
                    types.add(m.group(1) + "." + type);
                }
            }
        }
        return types;
    }

    /** Service principals the program's roles trust ({@code PolicyDocument.trustService("…")}). */
    SortedSet<String> trustedServices() {
        SortedSet<String> services = new TreeSet<>();
        for (Path file : files) {
            Matcher m = TRUSTED_SERVICE.matcher(text(file));
            while (m.find()) {
                services.add(m.group(1));
            }
        }
        return services;
    }

    int fileCount() {
        return files.size();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For messages: the files that mention a type. */
    List<Path> filesUsing(String type) {
        List<Path> out = new ArrayList<>();
        String fqcn = "com.pulumi.aws." + type;
        for (Path file : files) {
            if (text(file).contains(fqcn)) {
                out.add(file);
            }
        }
        return out;
    }
}
