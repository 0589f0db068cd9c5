package dev.conveyor.server.security;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.notification.UnsubscribeLinks;
import dev.conveyor.server.api.Problems;
import dev.conveyor.server.telemetry.ManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Every endpoint needs an API key except health, tracking pages (a signed link) and the API's own documentation (the OpenAPI document and
 * Swagger UI describe the API and hold no tenant data); the other actuator endpoints (metrics, migrations) need a
 * platform admin's. Which tenant a key reaches is decided per request by {@link TenantAccess}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** No users: API keys are the only credentials (and Boot does not generate a password). */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ConveyorEngine engine, ManagementPort managementPort)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .addFilterBefore(new ApiKeyFilter(engine.apiKeys()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // The separate management port is internal (metrics, backlog for the autoscaler); on the main
                        // port they name tenants, so only a platform admin reads them.
                        .requestMatchers(managementPort::receivedOn).permitAll()
                        .requestMatchers("/actuator/**").hasAuthority("SCOPE_PLATFORM_ADMIN")
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        // its signature is its authority (a recipient has no API key)
                        .requestMatchers(UnsubscribeLinks.PATH).permitAll()
                        // A customer's page and stream: the signed link in the path is the credential.
                        .requestMatchers("/track/**").permitAll()
                        // A stream's later dispatches: its first was authorized, and nothing answers them but the stream.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                                "Unauthorized", "an API key is required: send 'Authorization: Bearer <API key>'",
                                request.getRequestURI()))
                        .accessDeniedHandler((request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN, "forbidden",
                                "Forbidden", e.getMessage(), request.getRequestURI())))
                .build();
    }
}
