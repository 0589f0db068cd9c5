package dev.conveyor.server.security;

import dev.conveyor.engine.apikey.ApiKeys;
import dev.conveyor.server.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer cvk_...}. A request without the header goes on unauthenticated (the
 * security rules answer 401 where a key is needed); a header with an unknown or revoked key is refused at once.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private final ApiKeys apiKeys;

    ApiKeyFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "the Authorization header must be 'Bearer <API key>'", request.getRequestURI());
            return;
        }
        var key = apiKeys.authenticate(header.substring(7));
        if (key.isEmpty()) {
            Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "the API key is unknown or revoked; ask an admin for a new one", request.getRequestURI());
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
