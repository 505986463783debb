package io.agentplatform.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Static files shipped in the jar: chart values, the Alloy pipeline, Grafana dashboards. */
public final class ClasspathFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ClasspathFiles() {}

    public static String text(String path) {
        try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath file " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath file " + path, e);
        }
    }

    /** A YAML (or JSON) file as a mutable map. */
    public static Map<String, Object> yaml(String path) {
        try {
            return YAML.readValue(text(path), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse classpath file " + path, e);
        }
    }

    /**
     * Lays {@code overlay} over {@code base} the way Helm merges values: maps merge key by key, anything else
     * (lists included) replaces. Returns a new map; neither argument changes.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object existing = out.get(key);
            if (existing instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
                out.put(key, merge((Map<String, Object>) a, (Map<String, Object>) b));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
