package io.agentplatform.agentservice.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class HttpServerMetricsConfiguration {

    /** Where Spring Boot puts its ServerHttpObservationFilter (excluded in application.properties): right after RequestIdFilter. */
    @Bean
    FilterRegistrationBean<HttpServerMetricsFilter> httpServerMetricsFilter(MeterRegistry registry) {
        FilterRegistrationBean<HttpServerMetricsFilter> registration =
                new FilterRegistrationBean<>(new HttpServerMetricsFilter(registry));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
