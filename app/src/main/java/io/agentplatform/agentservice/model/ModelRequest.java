package io.agentplatform.agentservice.model;

public record ModelRequest(String systemPrompt, String userPrompt) {
}
