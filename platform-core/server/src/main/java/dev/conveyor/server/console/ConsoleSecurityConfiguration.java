package dev.conveyor.server.console;

import dev.conveyor.engine.ConveyorEngine;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The console's own filter chain, ahead of the API's: a browser holds a session cookie (the API key stays on the
 * server), so every form post carries a CSRF token; the API keeps its stateless bearer keys and no CSRF. Which
 * tenant a signed-in key reaches is decided by the API's {@code TenantAccess}, page by page.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consoleSecurity(HttpSecurity http, ConveyorEngine engine) throws Exception {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        forbidden.setErrorPage(ConsolePaths.FORBIDDEN);
        return http
                .securityMatcher("/console", "/console/**", "/webjars/htmx.org/**")
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                // The key is checked again on every request (a revoked key ends its sessions), never stored as a context.
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .addFilterBefore(new ConsoleSessionFilter(engine.apiKeys()), AnonymousAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl(ConsolePaths.SIGN_OUT)
                        .logoutSuccessUrl(ConsolePaths.SIGN_IN + "?signed-out")
                        .invalidateHttpSession(true))
                .authorizeHttpRequests(requests -> requests
                        // ASYNC: an event stream's later dispatches, after its request was authorized.
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(ConsolePaths.SIGN_IN, "/console/assets/**", "/webjars/htmx.org/**").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(ConsolePaths.SIGN_IN))
                        .accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * The session cookie is sent only with requests from the console's own pages. Tomcat already makes it HttpOnly,
     * and Secure when the request came over TLS.
     */
    @Bean
    CookieSameSiteSupplier consoleSessionCookieSameSite(
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
        return CookieSameSiteSupplier.ofStrict().whenHasName(sessionCookie);
    }
}
