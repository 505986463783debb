package io.agentplatform;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.comments.Comment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The program {@code pulumi up} runs ({@code src/main/java} and the {@code aws-facts} it reads) is independent of
 * the SDK's test and internal packages, so an SDK upgrade can break the offline plan but never a deployment; it and
 * the offline plan's sources stay in small files and methods. Each check lists every offender at once.
 */
class DeployableProgramStructureTest {
    static final int MAX_FILE_LINES = 450;
    static final int MAX_METHOD_LINES = 60;
    /** The SDK's mock engine and its internals: only the offline-plan module may use them. */
    static final Pattern FORBIDDEN = Pattern.compile("\\bcom\\.pulumi\\.(test|core\\.internal|deployment\\.internal)\\b");
    /** How the comment just above a longer method gives its reason. */
    static final Pattern REASON = Pattern.compile("(?i)\\blong because\\b");

    /** Source roots on the classpath of {@code pulumi up}. */
    private static final List<String> DEPLOYABLE = List.of("src/main/java", "aws-facts/src/main/java");
    /** Source roots held to the size limits: the deployable ones and the offline plan's. */
    private static final List<String> SIZED = List.of("src/main/java", "aws-facts/src/main/java",
            "offline-plan/src/main/java");
    private static final Path ROOT = StackPlans.projectDir();
    /** Parsed sources by path from the repository root. */
    private static final Map<Path, CompilationUnit> UNITS = new TreeMap<>();

    @BeforeAll
    static void parseTheProgram() throws IOException {
        JavaParser parser = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        for (String root : SIZED) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    ParseResult<CompilationUnit> result = parser.parse(file);
                    assertTrue(result.isSuccessful() && result.getResult().isPresent(),
                            () -> ROOT.relativize(file) + " does not parse: " + result.getProblems());
                    UNITS.put(ROOT.relativize(file), result.getResult().orElseThrow());
                }
            }
        }
        assertTrue(UNITS.keySet().stream().filter(f -> f.startsWith("src")).count() > 50, "found the program's sources");
    }

    @Test
    void theProgramUsesNeitherTheMockEngineNorTheSdksInternals() {
        List<String> offenders = new ArrayList<>();
        UNITS.forEach((file, unit) -> {
            if (DEPLOYABLE.stream().noneMatch(root -> file.startsWith(root))) {
                return;
            }
            forbiddenUses(unit).forEach(use -> offenders.add(file + " uses " + use));
        });
        assertEquals(List.of(), offenders, "move this code to the offline-plan module:\n" + String.join("\n", offenders));
    }

    @Test
    void noFileOfTheProgramIsLongerThanTheLimit() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path file : UNITS.keySet()) {
            long lines = Files.readAllLines(ROOT.resolve(file)).size();
            if (lines > MAX_FILE_LINES) {
                offenders.add(file + ": " + lines + " lines");
            }
        }
        assertEquals(List.of(), offenders, "files over " + MAX_FILE_LINES + " lines:\n" + String.join("\n", offenders));
    }

    @Test
    void noMethodOfTheProgramIsLongerThanTheLimitUnlessItsCommentSaysWhy() {
        List<String> offenders = new ArrayList<>();
        UNITS.forEach((file, unit) -> longMethods(unit).forEach(method -> offenders.add(file + ":" + method)));
        assertEquals(List.of(), offenders, "methods over " + MAX_METHOD_LINES + " lines without a comment just above"
                + " that says why ('Long because ...'):\n" + String.join("\n", offenders));
    }

    @Test
    void theChecksFindImportsAndQualifiedUsesButNotCommentsAndAcceptAReasonedLongMethod() {
        String body = "        int x = 0;\n".repeat(MAX_METHOD_LINES);
        CompilationUnit sample = new JavaParser().parse("""
                import com.pulumi.test.Mocks;
                import com.pulumi.Context;
                // com.pulumi.core.internal is named in this comment only
                class Sample {
                    Object field = com.pulumi.deployment.internal.DeploymentImpl.class;
                    void tooLong() {
                %s    }
                    /** Long because it is one table. */
                    void explained() {
                %s    }
                    void fits() {
                    }
                }
                """.formatted(body, body)).getResult().orElseThrow();
        assertEquals(List.of("com.pulumi.test", "com.pulumi.deployment.internal"), forbiddenUses(sample));
        assertEquals(List.of("6 tooLong: " + (MAX_METHOD_LINES + 2) + " lines"), longMethods(sample));
    }

    /** The SDK packages a source file uses outside its comments, each once. */
    static List<String> forbiddenUses(CompilationUnit unit) {
        CompilationUnit code = unit.clone();
        code.getAllContainedComments().forEach(Comment::remove);
        return FORBIDDEN.matcher(code.toString()).results().map(m -> m.group()).distinct().toList();
    }

    /** Methods and constructors over the limit whose comment just above does not say why, as "line name: n lines". */
    static List<String> longMethods(CompilationUnit unit) {
        List<String> out = new ArrayList<>();
        for (CallableDeclaration<?> method : unit.findAll(CallableDeclaration.class)) {
            int lines = method.getRange().map(r -> r.end.line - r.begin.line + 1).orElse(0);
            boolean explained = method.getComment().map(c -> REASON.matcher(c.getContent()).find()).orElse(false);
            if (lines > MAX_METHOD_LINES && !explained) {
                out.add(method.getBegin().map(p -> p.line).orElse(0) + " " + method.getNameAsString() + ": " + lines
                        + " lines");
            }
        }
        return out;
    }

    /** The offline plan is a test dependency of the program: on the classpath of tests and plans, never of Pulumi's run. */
    @Test
    void theOfflinePlanIsATestDependencyOfTheProgramOnly() throws Exception {
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(StackPlans.projectDir().resolve("program.pom.xml").toFile()).getElementsByTagName("dependency");
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (text(dependency, "artifactId").equals("agent-platform-offline-plan")) {
                scopes.add(text(dependency, "scope"));
            }
        }
        assertEquals(List.of("test"), scopes);
    }

    private static String text(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
