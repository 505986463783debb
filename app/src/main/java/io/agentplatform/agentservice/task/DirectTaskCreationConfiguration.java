package io.agentplatform.agentservice.task;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

@Configuration(proxyBeanMethods = false)
class DirectTaskCreationConfiguration {

    /**
     * After RequestIdFilter, Spring's CharacterEncodingFilter and HttpServerMetricsFilter (the request id, the access
     * log and the metrics cover both paths), before Spring's RequestContextFilter: the direct path keeps no request
     * context. Registered in the API server's context only; the management server has no such route.
     */
    @Bean
    FilterRegistrationBean<DirectTaskCreationFilter> directTaskCreationFilter(
            TaskController controller, ObjectProvider<HandlerExceptionResolver> resolvers) {
        FilterRegistrationBean<DirectTaskCreationFilter> registration = new FilterRegistrationBean<>(
                new DirectTaskCreationFilter(controller, resolvers.orderedStream().toList()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns(TaskController.ROUTE);
        return registration;
    }
}
