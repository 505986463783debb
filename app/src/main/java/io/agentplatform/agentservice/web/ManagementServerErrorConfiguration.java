package io.agentplatform.agentservice.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The management server (probes and metrics on MANAGEMENT_PORT) runs its own Tomcat in a child context, which the
 * API server's customizer does not reach: without this, a malformed request to a probe port got Tomcat's HTML page.
 * Registered in META-INF/spring/...ManagementContextConfiguration.imports, as Spring Boot requires for child contexts.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementServerErrorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementProblemErrorReport() {
        return ServerErrorConfiguration::useProblemErrorReport;
    }
}
