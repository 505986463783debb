/**
 * Typed custom resources of the External Secrets Operator ({@code external-secrets.io/v1}): {@code SecretStore}
 * and {@code ExternalSecret}, built like {@link io.agentplatform.monitoring.crd} (the Kubernetes SDK 4.0.0 for Java
 * has no generic custom resource; the type token {@code kubernetes:<group>/<version>:<Kind>} is resolved by the
 * Kubernetes provider like any built-in kind).
 */
package io.agentplatform.workload.crd;
