package io.agentplatform.agentservice;

import io.agentplatform.agentservice.config.InvalidConfigurationException;
import io.agentplatform.agentservice.config.ServiceConfig;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Entry point. The same jar serves the API (no argument or {@code serve}), applies database
 * migrations and exits ({@code migrate}, for a Kubernetes init container or Job), or probes a running
 * instance ({@code healthcheck}, for the image's HEALTHCHECK).
 */
@SpringBootApplication
public class AgentServiceApplication {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_BAD_CONFIGURATION = 2;
    static final int EXIT_USAGE = 64;

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        Map<String, String> env = System.getenv();
        switch (command) {
            case "serve" -> {
                try {
                    start(env);
                } catch (InvalidConfigurationException e) {
                    System.err.println(e.getMessage());
                    System.exit(EXIT_BAD_CONFIGURATION);
                }
            }
            case "migrate" -> System.exit(MigrateCommand.run(env));
            case "healthcheck" -> System.exit(HealthCheckCommand.run(env));
            default -> {
                System.err.println("Unknown command '" + command + "'. Use: serve (default), migrate, healthcheck");
                System.exit(EXIT_USAGE);
            }
        }
    }

    /** Validates the environment, then starts the HTTP service; tests call this with their own map. */
    public static ConfigurableApplicationContext start(Map<String, String> env) {
        ServiceConfig config = ServiceConfig.fromEnvironment(env);
        return springApplication(config, WebApplicationType.SERVLET, AgentServiceApplication.class).run();
    }

    static SpringApplication springApplication(ServiceConfig config, WebApplicationType type, Class<?> source) {
        SpringApplication application = springApplication(springProperties(config), type, source);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("serviceConfig", config));
        return application;
    }

    static SpringApplication springApplication(Map<String, Object> properties, WebApplicationType type, Class<?> source) {
        SpringApplication application = new SpringApplication(source);
        application.setWebApplicationType(type);
        // Our validated values go first so that nothing else (e.g. a stray SERVER_PORT) overrides them.
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("agentServiceConfig", properties));
        application.setEnvironment(environment);
        return application;
    }

    static Map<String, Object> springProperties(ServiceConfig config) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", config.port());
        properties.put("management.server.port", config.managementPort());
        properties.put("server.shutdown", "graceful");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", config.shutdownGrace().toSeconds() + "s");
        properties.put("logging.level.root", config.logLevel());
        return properties;
    }
}
