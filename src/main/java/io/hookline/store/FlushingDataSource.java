package io.hookline.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's {@link DataSource}, wrapped so that a connection that wrote something waits,
 * when it is closed (returned to the pool, after its commit), until {@link DurableCommits} has
 * flushed the commits to the file. JdbcTemplate and Spring's transactions close the connection
 * before they return, so every write of every store class is durable when its call returns.
 * Statements that start with SELECT do not count as writes: reads never wait.
 */
public class FlushingDataSource extends DelegatingDataSource implements AutoCloseable {

    private volatile DurableCommits durable;

    FlushingDataSource(DataSource target) {
        super(target);
    }

    /** Set once {@link DurableCommits} exists; until then (migrations at start-up) nothing waits. */
    void flushWith(DurableCommits durable) {
        this.durable = durable;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(super.getConnection(username, password));
    }

    /** Closes the pool it wraps: Spring calls this at shutdown, as it would have called the pool's own close(). */
    @Override
    public void close() throws Exception {
        if (getTargetDataSource() instanceof AutoCloseable pool) pool.close();
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(connection));
    }

    private final class Handler implements InvocationHandler {
        private final Connection target;
        private boolean wrote;

        Handler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "prepareStatement", "prepareCall":
                    if (!isRead((String) args[0])) wrote = true;
                    break;
                case "createStatement":
                    return watched((Statement) invokeTarget(method, args));
                case "close":
                    target.close();
                    DurableCommits d = durable;
                    if (wrote && d != null) {
                        wrote = false;
                        d.awaitFlush();
                    }
                    return null;
                default:
            }
            return invokeTarget(method, args);
        }

        private Object invokeTarget(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        /** A plain statement: its SQL is known only when it runs. */
        private Statement watched(Statement statement) {
            return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                    (proxy, method, args) -> {
                        if (args != null && args.length > 0 && args[0] instanceof String sql && !isRead(sql)
                                && (method.getName().startsWith("execute") || method.getName().equals("addBatch"))) {
                            wrote = true;
                        }
                        try {
                            return method.invoke(statement, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    static boolean isRead(String sql) {
        String s = sql.stripLeading();
        return s.length() >= 6 && s.substring(0, 6).toUpperCase(Locale.ROOT).equals("SELECT");
    }

    /**
     * An embedded H2 URL with {@code DB_CLOSE_ON_EXIT=FALSE} unless it says otherwise. Without it,
     * H2 closes the database from its own JVM shutdown hook, which runs beside Spring's: the writers
     * still draining at a stop then fail ("Database is already closed"), and outcomes in flight are
     * lost (deliveries sent again). With it, the database closes with the pool, after everything that
     * writes through it has stopped. Server-mode and in-memory URLs are left as they are.
     */
    static String closedByTheApplication(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) return url;
        String rest = url.substring("jdbc:h2:".length());
        boolean embeddedFile = rest.startsWith("file:") || rest.startsWith("./") || rest.startsWith("/")
                || rest.startsWith("~");
        return embeddedFile ? withSetting(url, "DB_CLOSE_ON_EXIT", "FALSE") : url;
    }

    /** An H2 URL with {@code ;setting=value} added, unless the URL already sets it (any case). */
    static String withSetting(String url, String setting, String value) {
        return url.toUpperCase(Locale.ROOT).contains(setting) ? url : url + ";" + setting + "=" + value;
    }

    /**
     * Wraps the application's data source (Spring Boot's pool) as it is created; on H2, turns H2's
     * own compaction off in the pool's URL first (Hookline compacts in small steps: {@link H2Compaction}), and
     * leaves closing the database to the application ({@link #closedByTheApplication}).
     */
    public static BeanPostProcessor postProcessor() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                // After the pool's properties are bound, before anyone has opened a connection.
                if (bean instanceof HikariDataSource pool && !pool.isRunning()) {
                    pool.setJdbcUrl(H2Compaction.withoutAutoCompaction(closedByTheApplication(pool.getJdbcUrl())));
                }
                return bean instanceof DataSource ds && !(bean instanceof FlushingDataSource)
                        ? new FlushingDataSource(ds) : bean;
            }
        };
    }
}
