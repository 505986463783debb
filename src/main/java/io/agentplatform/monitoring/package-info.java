/**
 * The in-cluster monitoring stack, in namespace {@code monitoring}, installed as Helm releases through the
 * Kubernetes provider the component is given:
 * <ul>
 *   <li><b>prometheus-operator-crds</b> ({@link io.agentplatform.monitoring.Chart#PROMETHEUS_OPERATOR_CRDS}): the
 *       Prometheus Operator CRDs alone, at the operator version kube-prometheus-stack runs; its Helm record lives in
 *       {@code kube-system}.</li>
 *   <li><b>kube-prometheus-stack</b> ({@link io.agentplatform.monitoring.Chart#KUBE_PROMETHEUS_STACK}): the Prometheus
 *       Operator (its CRDs switched off: {@code crds.enabled: false}), Prometheus (retention, size cap, gp3 volume, replicas from config), Alertmanager
 *       (routing by severity, receivers reading credentials from a mounted Secret), Grafana (admin login from a
 *       Secret, Prometheus and Loki datasources with uids {@code prometheus} and {@code loki}, dashboards from
 *       {@code src/main/resources/dashboards} as sidecar ConfigMaps), kube-state-metrics and node-exporter. Scrape
 *       jobs for the control-plane parts EKS does not expose are off. Prometheus selects ServiceMonitors and
 *       PrometheusRules of every namespace, with or without the release label.</li>
 *   <li><b>Loki</b> ({@link io.agentplatform.monitoring.Chart#LOKI}), monolithic: chunks in an S3 bucket through an
 *       IRSA role (staging, production) or on the persistent volume (dev); retention enforced by the compactor.</li>
 *   <li><b>Alloy</b> ({@link io.agentplatform.monitoring.Chart#ALLOY}) as a DaemonSet shipping every pod's logs to Loki
 *       with {@code namespace}, {@code pod} and {@code container} labels.</li>
 * </ul>
 * Order: only what is used. Every release waits for {@code podsCanRun} (nodes, networking add-ons), and the ones
 * with volumes (kube-prometheus-stack, Loki) for the storage class; so does the namespace, which holds the volume
 * claims and must be deleted while the EBS CSI driver still runs; anything that creates a Prometheus Operator custom
 * resource (kube-prometheus-stack, Loki, Alloy, {@link io.agentplatform.monitoring.AgentObservability}) waits for
 * prometheus-operator-crds, which needs only the API server, and not for kube-prometheus-stack. Loki and Alloy do not
 * wait for each other (Alloy retries its pushes until Loki answers). The CRD chart templates its CRDs, so Helm
 * upgrades them with the chart; move its version together with kube-prometheus-stack's (same operator version).
 *
 * <p>The namespace enforces Pod Security {@code privileged} because node-exporter (hostNetwork, hostPID, hostPath)
 * and Alloy (hostPath /var/log) need it; it warns and audits at {@code baseline}.
 *
 * <p>Grafana with more than one replica keeps per-replica SQLite state: fine for provisioned dashboards and
 * datasources, not for dashboards edited in the UI (dashboards are files in this repository anyway).
 */
package io.agentplatform.monitoring;
