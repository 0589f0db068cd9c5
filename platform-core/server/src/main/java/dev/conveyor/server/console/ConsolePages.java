package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.EngineException;
import dev.conveyor.server.api.Problems;
import dev.conveyor.server.security.ApiKeyAuthentication;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.sdk.ValidationException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page has: who is signed in, and failures shown as pages, with the status and words the API
 * would answer (a tenant a key may not reach: 404; a page beyond its scope: 403).
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePages {

    private final TenantAccess access;

    ConsolePages(TenantAccess access) {
        this.access = requireNonNull(access, "access is null");
    }

    @ModelAttribute("viewer")
    Viewer viewer() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication
                ? Viewer.of(access.currentKey()) : null;
    }

    @ExceptionHandler(EngineException.class)
    String engine(EngineException e, HttpServletResponse response, Model model) {
        ResponseEntity<ProblemDetail> answer = Problems.of(e);
        ProblemDetail problem = answer.getBody();
        return error(response, model, HttpStatus.valueOf(answer.getStatusCode().value()), problem.getTitle(), problem.getDetail());
    }

    @ExceptionHandler(ValidationException.class)
    String invalid(ValidationException e, HttpServletResponse response, Model model) {
        return error(response, model, HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(AccessDeniedException e, HttpServletResponse response, Model model) {
        return error(response, model, HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    static String error(HttpServletResponse response, Model model, HttpStatus status, String title, String detail) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        return "console/error";
    }
}
