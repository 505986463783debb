/**
 * Typed custom resources of the Prometheus Operator ({@code monitoring.coreos.com/v1}). The Kubernetes SDK 4.0.0
 * for Java has no generic {@code CustomResource}, so each kind is a small {@link com.pulumi.resources.CustomResource}
 * whose type token {@code kubernetes:<group>/<version>:<Kind>} the Kubernetes provider resolves like any built-in
 * kind. Their inputs are exactly a Kubernetes object: {@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec}.
 */
package io.agentplatform.monitoring.crd;
