package dev.conveyor.server.api;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.DatabaseUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request's transactions, API-key lookup included, use the API requests' pool (short deadlines, circuit
 * breaker: {@link Database#servingRequest()}), so that while Postgres is away every route answers 503 with
 * Retry-After within about a second instead of hanging. Controllers' failures become 503 in {@link ApiErrors};
 * this filter answers those of the filters before them (the API-key lookup).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestDatabaseDeadlines extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (Database.RequestScope ignored = Database.servingRequest()) {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            DatabaseUnavailableException unavailable = unavailable(e);
            if (unavailable == null || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            Problems.write(response, unavailable, request.getRequestURI());
        }
    }

    private static DatabaseUnavailableException unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }
}
