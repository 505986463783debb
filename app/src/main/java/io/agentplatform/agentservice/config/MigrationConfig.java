package io.agentplatform.agentservice.config;

import java.util.Map;
import java.util.Optional;

/**
 * Settings of the {@code migrate} command, which runs under the schema owner's identity (a Job with
 * the owner's credentials), never under the service's. Besides the DB_* connection variables of the
 * owner it reads only the role it manages for the service and the log level, so the Job needs no
 * Redis or model settings.
 *
 * @param owner   the owner's connection (DB_USER is the owner, e.g. the RDS master user)
 * @param appRole the least-privileged role the service connects as; empty leaves roles alone
 *                (a single-user local database)
 */
public record MigrationConfig(ServiceConfig.Database owner, Optional<AppRole> appRole, String logLevel) {

    /**
     * The service's login role.
     *
     * @param name     DB_APP_USER
     * @param auth     DB_APP_AUTH: IAM grants {@code rds_iam} (where the server has it), PASSWORD sets the password
     * @param password DB_APP_PASSWORD(_FILE), present exactly when auth is PASSWORD
     */
    public record AppRole(String name, DatabaseAuth auth, Optional<Secret> password) {
    }

    public static MigrationConfig fromEnvironment(Map<String, String> env) {
        EnvironmentReader r = new EnvironmentReader(env);
        ServiceConfig.Database owner = ServiceConfig.Database.read(r);
        Optional<AppRole> appRole = Optional.empty();
        String appUser = r.roleName("DB_APP_USER", false);
        if (appUser != null) {
            if (appUser.equals(owner.user())) {
                r.problem("DB_APP_USER", appUser, "must differ from DB_USER: the service's role must not own the schema");
            }
            DatabaseAuth auth = r.databaseAuth("DB_APP_AUTH");
            appRole = Optional.of(new AppRole(appUser, auth,
                    r.passwordFor(auth, "DB_APP_AUTH", "DB_APP_PASSWORD", "DB_APP_PASSWORD_FILE")));
        } else {
            for (String name : new String[] {"DB_APP_AUTH", "DB_APP_PASSWORD", "DB_APP_PASSWORD_FILE"}) {
                if (r.isSet(name)) {
                    r.problem(name, name.contains("PASSWORD") ? "(hidden)" : env.get(name).trim(),
                            "only allowed together with DB_APP_USER");
                }
            }
        }
        String logLevel = r.oneOf("LOG_LEVEL", "INFO", ServiceConfig.LOG_LEVELS, true);
        r.throwIfAnyProblem();
        return new MigrationConfig(owner, appRole, logLevel);
    }
}
