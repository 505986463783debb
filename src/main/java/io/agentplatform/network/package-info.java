/**
 * The VPC of a platform stack: per availability zone a public, a private (nodes, pods) and an isolated database
 * subnet; internet gateway; NAT gateways (one, or one per zone); route tables; flow logs to CloudWatch; the default
 * security group stripped of rules; load-balancer discovery tags; an S3 gateway endpoint and optional interface
 * endpoints.
 */
package io.agentplatform.network;
