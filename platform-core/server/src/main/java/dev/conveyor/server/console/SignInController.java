package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.server.security.ApiKeyAuthentication;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in with an API key: the key is checked as the API checks it and must be able to read its tenant (a key for
 * sending orders only has nothing to look at); its token then stays in the server-side session.
 */
@Controller
class SignInController {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    SignInController(ConveyorEngine engine, TenantAccess access) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
    }

    @GetMapping(ConsolePaths.SIGN_IN)
    String form(HttpServletRequest request, Model model) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication) {
            return "redirect:" + ConsolePaths.HOME;
        }
        if (request.getParameter("signed-out") != null) {
            model.addAttribute("notice", "You are signed out.");
        } else if (request.getParameter("ended") != null) {
            model.addAttribute("notice", "Your session ended: its API key was revoked or has expired. Sign in with another key.");
        }
        return "console/sign-in";
    }

    @PostMapping(ConsolePaths.SIGN_IN)
    String signIn(@RequestParam(name = "key", defaultValue = "") String token, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<ApiKey> key = engine.apiKeys().authenticate(token);
        if (key.isEmpty()) {
            return refused(response, model, token.isBlank() ? "Enter an API key (it starts with cvk_)."
                    : "That API key is unknown, revoked or expired. Check it, or ask an admin for a new one.");
        }
        if (!key.get().scope().isPlatform()) {
            SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(key.get()));
            try {
                access.require(key.get().tenantId(), Permission.READ);
            } catch (AccessDeniedException e) {
                return refused(response, model, "This key cannot be used in the console: " + e.getMessage() + ".");
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
        // A new session, so that a session id (and CSRF token) handed out before sign-in is worth nothing after it.
        HttpSession before = request.getSession(false);
        if (before != null) {
            before.invalidate();
        }
        request.getSession(true).setAttribute(ConsoleSessionFilter.TOKEN, token.strip());
        return "redirect:" + ConsolePaths.HOME;
    }

    private static String refused(HttpServletResponse response, Model model, String error) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        model.addAttribute("error", error);
        return "console/sign-in";
    }
}
