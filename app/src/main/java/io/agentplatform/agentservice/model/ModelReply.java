package io.agentplatform.agentservice.model;

public record ModelReply(String text) {
}
