/**
 * The stack configuration: one typed, validated {@link io.agentplatform.config.PlatformConfig} per run.
 *
 * <h2>Where a setting lives</h2>
 * Each section has one file beside its record: {@code DatabaseSection} next to {@code DatabaseSettings}, and so on
 * ({@code NetworkSection}, {@code ClusterSection} with {@code CiAccessReader}, {@code NodeGroupSection},
 * {@code CacheSection}, {@code MonitoringSection}, {@code AlertingSection}, {@code AgentSection},
 * {@code TargetSection}, {@code TopLevelSection}, {@code SecretSettings}). A section file declares each setting once
 * as a {@link io.agentplatform.config.Setting} (name, type, default, bounds or rule, description), lists the
 * declarations in its {@link io.agentplatform.config.Section}, and reads them with {@code Settings.read(SETTING)}.
 * {@link io.agentplatform.config.ConfigBinder} only decides which sections a stack kind reads.
 * docs/configuration.md (between its markers) and the {@code config:} block of Pulumi.yaml are rendered from the
 * sections by {@link io.agentplatform.config.ConfigDocs}; ConfigDocsTest fails when either file differs.
 *
 * <h2>Adding a setting</h2>
 * <ol>
 *   <li>Declare it in its section file, e.g.
 *   {@code static final Setting<Integer> IOPS = Setting.integer("iops", 3000, 16000, Default.of(3000), "gp3 IOPS");}
 *   &mdash; the default may follow the kind ({@code Default.byKind(k -> ...)}) or earlier settings
 *   ({@code Default.derived("2 × x", v -> v.get(X) * 2)}); rules go on the declaration
 *   ({@code .matching(regex, message)}, {@code .check(doc, rule)}), rules spanning settings in the reader with
 *   {@code .rule(doc)} on the declaration.</li>
 *   <li>Add it to the section's list, add the record field (and its builder method) and read it:
 *   {@code .iops(s.read(IOPS))}; use it in the component.</li>
 *   <li>Run {@code scripts/config-docs.sh} and commit the regenerated docs/configuration.md and Pulumi.yaml.</li>
 * </ol>
 *
 * <h2>Adding a section</h2>
 * Write {@code XSection} with its declarations, a {@code static final Section SECTION} and
 * {@code static XSettings read(Settings s)}; add SECTION to {@code ConfigSections.OBJECTS} (which also makes the key
 * known to the binder) and call {@code XSection.read(section("x", kind))} from the binder. A section written with the
 * older cursor calls ({@code s.integer("x", 3, 1, 10)}) converts one call at a time into declarations.
 *
 * <p>Pulumi.yaml declares every section {@code type: object, default: {}}: the CLI passes {@code {}} for a section a
 * stack leaves out, so the binder treats an empty section as not set.
 */
package io.agentplatform.config;
