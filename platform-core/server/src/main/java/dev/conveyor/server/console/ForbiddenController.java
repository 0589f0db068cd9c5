package dev.conveyor.server.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The page for a request the console's filters refused (a form post without its CSRF token, or with one from an
 * earlier session): forwarded here, whatever its method.
 */
@Controller
class ForbiddenController {

    @RequestMapping(ConsolePaths.FORBIDDEN)
    String forbidden(HttpServletResponse response, Model model) {
        return ConsolePages.error(response, model, HttpStatus.FORBIDDEN, "Forbidden",
                "The form could not be accepted: it was missing its security token or came from an earlier session."
                        + " Reload the page and try again.");
    }
}
