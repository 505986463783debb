package io.agentplatform.plan;

import java.util.Map;

/**
 * SQS: a queue has a URL ({@code https://sqs.<region>.amazonaws.com/<account>/<name>}) and a named ARN
 * ({@code arn:aws:sqs:<region>:<account>:<name>}, no {@code queue/}), so a queue policy and Karpenter's settings see
 * what AWS returns. (The provider's id is the URL too; ids are made before the region is known here, and the program
 * reads a queue's name, URL and ARN, never its id.)
 */
final class SqsMocks {
    private SqsMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of("aws:sqs/queue:Queue", TypeMock.outputs((resource, state) -> {
        String queue = resource.physicalName();
        state.put("url", "https://sqs." + resource.region() + ".amazonaws.com/" + MockCloud.ACCOUNT + "/" + queue);
        state.put("arn", "arn:aws:sqs:" + resource.region() + ":" + MockCloud.ACCOUNT + ":" + queue);
    }));
}
