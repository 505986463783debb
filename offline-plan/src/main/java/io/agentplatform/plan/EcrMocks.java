package io.agentplatform.plan;

import java.util.Map;

/** ECR: a repository's URL in the account's registry. */
final class EcrMocks {
    private EcrMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "aws:ecr/repository:Repository", TypeMock.outputs((resource, state) -> state.put("repositoryUrl",
                    MockCloud.ACCOUNT + ".dkr.ecr." + resource.region() + ".amazonaws.com/" + resource.physicalName())));
}
