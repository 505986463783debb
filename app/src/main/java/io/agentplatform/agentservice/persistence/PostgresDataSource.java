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
 * Opens PostgreSQL connections, reading the password anew for every connection. With
 * {@code DB_PASSWORD_FILE} this is what lets a rotated, re-mounted Kubernetes Secret work without a
 * restart: the pool keeps its open connections and new ones use the new password.
 */
public final class PostgresDataSource implements DataSource {

    private final Driver driver = new Driver();
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
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(baseProperties);
        properties.setProperty("password", database.password().value());
        Connection connection = driver.connect(database.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("PostgreSQL driver did not accept URL " + database.jdbcUrl());
        }
        return connection;
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
