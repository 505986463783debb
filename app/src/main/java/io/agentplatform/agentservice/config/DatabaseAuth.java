package io.agentplatform.agentservice.config;

import java.util.Locale;

/** How a database role proves who it is: {@code DB_AUTH} for the service, {@code DB_APP_AUTH} for the role migrate manages. */
public enum DatabaseAuth {
    /** An RDS IAM authentication token, signed with the pod's AWS credentials for every new connection. */
    IAM,
    /** A password from a variable or a mounted file. */
    PASSWORD;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
