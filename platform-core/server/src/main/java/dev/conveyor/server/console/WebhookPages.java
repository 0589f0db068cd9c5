package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.webhook.Webhooks.Attempt;
import dev.conveyor.engine.webhook.Webhooks.Message;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A tenant's webhook endpoints with their health (enabled or disabled and why, last success, failing since, failed
 * attempts of the last day, pending messages), and one endpoint's recent messages with their attempts. For the keys
 * the API shows endpoints to: tenant admins and platform admins (an endpoint's URL may carry a token of the
 * receiver's).
 */
@Controller
@RequestMapping(ConsolePaths.HOME + "/tenants/{tenant}/webhooks")
class WebhookPages {

    static final int RECENT_MESSAGES = 50;
    private static final List<String> STATUSES = List.of("PENDING", "SUCCEEDED", "FAILED");

    private final ConveyorEngine engine;
    private final TenantAccess access;

    WebhookPages(ConveyorEngine engine, TenantAccess access) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
    }

    @GetMapping
    String endpoints(@PathVariable String tenant, Model model) {
        access.require(tenant, Permission.ADMIN);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("endpoints", engine.webhooks().health(tenant));
        return "console/webhooks";
    }

    @GetMapping("/{endpoint}")
    String endpoint(@PathVariable String tenant, @PathVariable UUID endpoint,
            @RequestParam(defaultValue = "") String status, Model model) {
        access.require(tenant, Permission.ADMIN);
        String shownStatus = STATUSES.contains(status) ? status : "";
        List<Message> messages = engine.webhooks().messages(tenant, endpoint,
                Optional.of(shownStatus).filter(s -> !s.isEmpty()), RECENT_MESSAGES);
        Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
        for (Message message : messages) {
            attempts.put(message.id(), engine.webhooks().attempts(tenant, endpoint, message.id()));
        }
        model.addAttribute("tenantId", tenant);
        model.addAttribute("endpoint", engine.webhooks().get(tenant, endpoint));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", shownStatus);
        model.addAttribute("messages", messages);
        model.addAttribute("attempts", attempts);
        model.addAttribute("recent", RECENT_MESSAGES);
        return "console/webhook";
    }
}
