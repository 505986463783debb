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
     * After RequestIdFilter and HttpServerMetricsFilter (the request id, the access log and the metrics cover both
     * paths), before Spring's own filters: the direct path needs none of them (it reads the body as bytes and keeps no
     * request context).
     */
    @Bean
    FilterRegistrationBean<DirectTaskCreationFilter> directTaskCreationFilter(
            TaskController controller, ObjectProvider<HandlerExceptionResolver> resolvers) {
        FilterRegistrationBean<DirectTaskCreationFilter> registration = new FilterRegistrationBean<>(
                new DirectTaskCreationFilter(controller, resolvers.orderedStream().toList()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns(DirectTaskCreationFilter.ROUTE);
        return registration;
    }
}
