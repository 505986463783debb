package io.agentplatform.config;

/** Container image settings: pinned by tag or digest, never {@code latest}. */
final class Images {
    private Images() {}

    static Setting<String> pinned(String name, Default<String> fallback, String description) {
        return Setting.text(name, fallback, description).check("pinned by tag or digest, never `latest`", (s, n, image) -> {
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            boolean digest = image.matches(".+@sha256:[0-9a-f]{64}");
            boolean tag = lastSegment.contains(":") && !lastSegment.endsWith(":");
            if (!digest && !tag) {
                s.problem(n, "'" + image + "'", "must be pinned by tag (repo:1.4.2) or digest (repo@sha256:...)");
            } else if (!digest && lastSegment.endsWith(":latest")) {
                s.problem(n, "'" + image + "'", "'latest' is not a pin; use a version tag or a digest");
            }
        });
    }
}
