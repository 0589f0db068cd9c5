package dev.conveyor.server.notification;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.notification.Channel;
import dev.conveyor.engine.notification.UnsubscribeLinks;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The signed unsubscribe link of every e-mail ({@value UnsubscribeLinks#PATH}), reached without an API key: the
 * link's signature is the authority. GET shows what it opts out of with a button (so a mail scanner following links
 * opts no one out); POST opts out, which is also what mail clients' one-click unsubscribe sends (RFC 8058). A forged
 * or altered link answers 400.
 */
@RestController
@RequestMapping(UnsubscribeLinks.PATH)
class UnsubscribeController {

    private final ConveyorEngine engine;

    UnsubscribeController(ConveyorEngine engine) {
        this.engine = engine;
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    String confirm(@RequestParam(required = false) String token) {
        UnsubscribeLinks.OptOut optOut = verified(() -> engine.notifications().unsubscribeTarget(token));
        return page("Unsubscribe", "<p>Stop receiving " + what(optOut) + "?</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"token\" value=\"" + HtmlUtils.htmlEscape(token)
                + "\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    @PostMapping(produces = MediaType.TEXT_HTML_VALUE)
    String unsubscribe(@RequestParam(required = false) String token) {
        UnsubscribeLinks.OptOut optOut = verified(() -> engine.notifications().unsubscribe(token));
        return page("Unsubscribed", "<p>You will no longer receive " + what(optOut) + ".</p>");
    }

    private static UnsubscribeLinks.OptOut verified(java.util.function.Supplier<UnsubscribeLinks.OptOut> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new ValidationException("unsubscribe link", List.of(new Violation("token", e.getMessage())));
        }
    }

    private static String what(UnsubscribeLinks.OptOut optOut) {
        String channel = optOut.channel() == Channel.EMAIL ? "e-mails" : "text messages";
        return optOut.kind().equals("*") ? channel + " from us"
                : channel + " about " + HtmlUtils.htmlEscape(optOut.kind().replace('.', ' '));
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><main><h1>"
                + title + "</h1>" + body + "</main></body></html>";
    }
}
