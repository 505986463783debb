package io.agentplatform.agentservice.persistence;

import io.agentplatform.agentservice.config.ServiceConfig;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * Opens PostgreSQL connections as {@code DB_USER}.
 *
 * <p>{@code DB_AUTH=password}: the password is read anew for every connection. With
 * {@code DB_PASSWORD_FILE} this is what lets a rotated, re-mounted Kubernetes Secret work without a
 * restart: the pool keeps its open connections and new ones use the new password.
 *
 * <p>{@code DB_AUTH=iam}: the AWS Advanced JDBC Wrapper's IAM plugin signs an RDS authentication
 * token with the AWS SDK's default credentials chain (in the pod: IRSA web identity) for new
 * connections; the pod holds no database password. Tokens are valid for 15 minutes and only needed
 * to open a connection, so the plugin reuses one for up to 14.5 minutes.
 */
public final class PostgresDataSource implements DataSource {

    private static final String IAM_PLUGIN = "iam";

    private final Driver driver = new Driver();
    private final software.amazon.jdbc.Driver awsWrapper = new software.amazon.jdbc.Driver();
    private final ServiceConfig.Database database;
    private final Properties baseProperties = new Properties();
    private int loginTimeoutSeconds;

    public PostgresDataSource(ServiceConfig.Database database) {
        this.database = database;
        baseProperties.setProperty("user", database.user());
        baseProperties.setProperty("sslmode", database.sslMode());
        int connectTimeoutSeconds = (int) Math.max(1, (database.connectTimeout().toMillis() + 999) / 1000);
        baseProperties.setProperty("connectTimeout", String.valueOf(connectTimeoutSeconds));
        // A query never waits forever on a half-dead server; well above any query this service runs.
        baseProperties.setProperty("socketTimeout", "30");
        baseProperties.setProperty("tcpKeepAlive", "true");
        baseProperties.setProperty("ApplicationName", "agent-service");
        database.awsRegion().ifPresent(region -> {
            baseProperties.setProperty("wrapperPlugins", IAM_PLUGIN);
            baseProperties.setProperty("iamRegion", region);
        });
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(baseProperties);
        Connection connection = switch (database.auth()) {
            case PASSWORD -> {
                properties.setProperty("password", database.password().orElseThrow().value());
                yield driver.connect(database.jdbcUrl(), properties);
            }
            case IAM -> awsWrapper.connect(iamJdbcUrl(), properties);
        };
        if (connection == null) {
            throw new SQLException("PostgreSQL driver did not accept URL " + database.jdbcUrl());
        }
        return connection;
    }

    /** The wrapper's URL form; it hands the connection to the PostgreSQL driver after the IAM plugin set the token. */
    private String iamJdbcUrl() {
        return database.jdbcUrl().replaceFirst("^jdbc:", "jdbc:aws-wrapper:");
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the service configuration");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Logging goes through SLF4J.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
