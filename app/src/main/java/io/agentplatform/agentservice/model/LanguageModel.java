package io.agentplatform.agentservice.model;

/** A chat model the agent can ask. Implementations throw {@link ModelException} on failure. */
public interface LanguageModel {

    /** The model name recorded with each task and part of the cache key. */
    String name();

    ModelReply complete(ModelRequest request);
}
