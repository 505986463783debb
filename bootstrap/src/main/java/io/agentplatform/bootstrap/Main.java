package io.agentplatform.bootstrap;

import com.pulumi.Pulumi;

/** Entry point of the {@code agent-platform-bootstrap} Pulumi program. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Pulumi.run(BootstrapStack::define);
    }
}
