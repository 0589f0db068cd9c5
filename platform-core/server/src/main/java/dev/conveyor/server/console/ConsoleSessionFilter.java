package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.apikey.ApiKeys;
import dev.conveyor.server.security.ApiKeyAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a console request by the API key its session signed in with, checked as the API checks a bearer
 * key (so a key revoked or expired meanwhile ends the session: the next page asks to sign in again).
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    /** The session attribute holding the key's token: on the server only, never in a page or cookie. */
    static final String TOKEN = ConsoleSessionFilter.class.getName() + ".token";

    private final ApiKeys apiKeys;

    ConsoleSessionFilter(ApiKeys apiKeys) {
        this.apiKeys = requireNonNull(apiKeys, "apiKeys is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        String token = session == null ? null : (String) session.getAttribute(TOKEN);
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key = apiKeys.authenticate(token);
        if (key.isEmpty()) {
            session.invalidate();
            response.sendRedirect(request.getContextPath() + ConsolePaths.SIGN_IN + "?ended");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(key.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
