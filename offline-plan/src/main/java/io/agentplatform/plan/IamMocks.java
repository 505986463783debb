package io.agentplatform.plan;

import java.util.Map;

/** IAM: an OIDC provider's ARN is made from its issuer URL (roles and policies get the family's ARN). */
final class IamMocks {
    private IamMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider", TypeMock.outputs((resource, state) -> {
                String url = resource.text("url", "https://oidc.eks." + resource.region() + ".amazonaws.com/id/MOCK");
                state.put("arn", "arn:aws:iam::" + MockCloud.ACCOUNT + ":oidc-provider/" + url.replaceFirst("^https://", ""));
            }));
}
