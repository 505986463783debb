package io.agentplatform.agentservice.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** The liveness probe's fast path ({@link LivenessProbeFilter}) on the management server only. */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class LivenessProbeConfiguration {

    @Bean
    FilterRegistrationBean<LivenessProbeFilter> livenessProbeFilter(ApplicationAvailability availability) {
        FilterRegistrationBean<LivenessProbeFilter> registration =
                new FilterRegistrationBean<>(new LivenessProbeFilter(availability));
        registration.addUrlPatterns("/health/live");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
