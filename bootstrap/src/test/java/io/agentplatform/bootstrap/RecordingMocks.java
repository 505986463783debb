package io.agentplatform.bootstrap;

import com.pulumi.test.Mocks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every registered resource and answers the few computed properties the stack reads. */
final class RecordingMocks implements Mocks {
    static final String ACCOUNT = "123456789012";

    record Registered(String type, String name, Map<String, Object> inputs) {
    }

    final List<Registered> resources = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        resources.add(new Registered(args.type, args.name, args.inputs));
        Map<String, Object> state = new HashMap<>(args.inputs);
        String id = args.name + "-id";
        switch (args.type) {
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" ->
                    state.put("arn", "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.actions.githubusercontent.com");
            case "aws:iam/role:Role" -> {
                id = (String) args.inputs.get("name");
                state.put("arn", "arn:aws:iam::" + ACCOUNT + ":role" + args.inputs.get("path") + args.inputs.get("name"));
            }
            case "aws:kms/key:Key" -> {
                id = "key-" + args.name;
                state.put("keyId", id);
                state.put("arn", "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + id);
            }
            case "aws:ecr/repository:Repository" -> {
                id = (String) args.inputs.get("name");
                state.put("arn", "arn:aws:ecr:eu-west-1:" + ACCOUNT + ":repository/" + id);
                state.put("repositoryUrl", ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com/" + id);
            }
            case "aws:s3/bucketV2:BucketV2" -> {
                id = args.inputs.get("bucketPrefix") + "0123abcd";
                state.put("bucket", id);
                state.put("arn", "arn:aws:s3:::" + id);
            }
            default -> state.putIfAbsent("arn", "arn:aws:mock:::" + args.name);
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        if (args.token.equals("aws:index/getCallerIdentity:getCallerIdentity")) {
            return CompletableFuture.completedFuture(Map.of(
                    "accountId", ACCOUNT,
                    "arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/admin/bootstrap",
                    "id", ACCOUNT,
                    "userId", "AROAEXAMPLE:bootstrap"));
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException("unexpected invoke " + args.token));
    }

    List<Registered> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    Registered one(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " named " + name + " in " + resources));
    }
}
