package io.agentplatform.agentservice.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The management server's DispatcherServlet (probes, metrics) is created by Spring Boot in a child context, where
 * {@code spring.mvc.publish-request-handled-events=false} does not reach: it published a ServletRequestHandledEvent per
 * probe (3 % of a {@code /health/live} request's CPU samples) that nobody listens to.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementDispatcherConfiguration {

    @Bean
    static BeanPostProcessor noRequestHandledEvents() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DispatcherServlet dispatcher) {
                    dispatcher.setPublishEvents(false);
                }
                return bean;
            }
        };
    }
}
