package io.agentplatform.agentservice.persistence;

import io.agentplatform.agentservice.config.DatabaseAuth;
import io.agentplatform.agentservice.config.MigrationConfig.AppRole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Creates or updates the service's login role, run by {@code migrate} as the schema owner after
 * Flyway. Idempotent: every run brings the role to the same state. The role may log in and use the
 * service's tables (SELECT, INSERT, UPDATE, DELETE; sequences; the same on tables later migrations
 * create) and read the migration history for readiness; it owns nothing, cannot create or change
 * schema objects and has no role, database or replication attributes.
 *
 * <p>Only attributes a non-superuser with CREATEROLE may set are set (on RDS the master user is not
 * a superuser); a role that already has SUPERUSER, REPLICATION or BYPASSRLS is refused instead.
 */
public final class AppRoleGrants {

    static final String HISTORY_TABLE = "flyway_schema_history";

    private final DataSource owner;

    public AppRoleGrants(DataSource owner) {
        this.owner = owner;
    }

    /** What {@link #apply} did about IAM: granted rds_iam, or found no rds_iam role (not an RDS server). */
    public enum IamGrant { GRANTED, NO_RDS_IAM_ROLE, NOT_REQUESTED }

    public IamGrant apply(AppRole role) throws SQLException {
        // The name matched [a-z_][a-z0-9_]*, so double quotes make it a plain identifier, never SQL.
        String name = "\"" + role.name() + "\"";
        IamGrant iam = IamGrant.NOT_REQUESTED;
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                if (!exists(connection, role.name())) {
                    sql.execute("CREATE ROLE " + name + " LOGIN");
                }
                refuseDangerousAttributes(connection, role.name());
                sql.execute("ALTER ROLE " + name + " LOGIN NOCREATEDB NOCREATEROLE INHERIT");
                for (String statement : grants(name)) {
                    sql.execute(statement);
                }
                boolean rdsIam = exists(connection, "rds_iam");
                if (role.auth() == DatabaseAuth.IAM) {
                    sql.execute("ALTER ROLE " + name + " PASSWORD NULL");
                    if (rdsIam) {
                        sql.execute("GRANT rds_iam TO " + name);
                    }
                    iam = rdsIam ? IamGrant.GRANTED : IamGrant.NO_RDS_IAM_ROLE;
                } else if (rdsIam) {
                    // On RDS a member of rds_iam can only log in with a token.
                    sql.execute("REVOKE rds_iam FROM " + name);
                }
            }
            if (role.auth() == DatabaseAuth.PASSWORD) {
                // The driver hashes the password (SCRAM-SHA-256) before sending it, so the clear text
                // never appears in a statement the server could log.
                connection.unwrap(PGConnection.class)
                        .alterUserPassword(role.name(), role.password().orElseThrow().value().toCharArray(), "scram-sha-256");
            }
            connection.commit();
        }
        return iam;
    }

    static List<String> grants(String name) {
        return List.of(
                "DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO " + name + "', current_database()); END $$",
                // Before PostgreSQL 15 every role may create objects in public; the service's role must not.
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "REVOKE CREATE ON SCHEMA public FROM " + name,
                "GRANT USAGE ON SCHEMA public TO " + name,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + name,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + name,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + name,
                "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO " + name,
                // Readiness reads the migration history; only migrate may write it.
                "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON " + HISTORY_TABLE + " FROM " + name);
    }

    private static boolean exists(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void refuseDangerousAttributes(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT rolsuper OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next() && rows.getBoolean(1)) {
                    throw new SQLException("role " + role + " (DB_APP_USER) has SUPERUSER, REPLICATION or BYPASSRLS;"
                            + " the service's role must have none: choose another name or remove them as a superuser");
                }
            }
        }
    }
}
