package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterDetail;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterFilter;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterSummary;
import dev.conveyor.sdk.Stage;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A tenant's dead letters: the list (filtered by stage, error text and status, as the API filters them), one letter
 * (its body, error texts and stack traces only for keys that may read them, as in the API), and replaying or
 * discarding one after a confirmation page.
 */
@Controller
@RequestMapping(ConsolePaths.HOME + "/tenants/{tenant}/dead-letters")
class DeadLetterPages {

    static final int PAGE_SIZE = 100;
    private static final Set<String> STATUSES = Set.of("DEAD", "REPLAYED", "DISCARDED");

    private final ConveyorEngine engine;
    private final TenantAccess access;

    DeadLetterPages(ConveyorEngine engine, TenantAccess access) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
    }

    @GetMapping
    String list(@PathVariable String tenant, @RequestParam(defaultValue = "") String stage,
            @RequestParam(defaultValue = "") String error, @RequestParam(defaultValue = "DEAD") String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        access.require(tenant, Permission.READ);
        String shownStatus = STATUSES.contains(status) ? status : "DEAD";
        int shownPage = Math.max(0, page);
        List<DeadLetterSummary> letters = engine.deadLetters().list(tenant, new DeadLetterFilter(blankToNull(stage),
                blankToNull(error), null, null, shownStatus), shownPage * PAGE_SIZE, PAGE_SIZE + 1);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("stages", stageNames(tenant));
        model.addAttribute("stage", stage);
        model.addAttribute("error", error);
        model.addAttribute("status", shownStatus);
        model.addAttribute("page", shownPage);
        model.addAttribute("hasNext", letters.size() > PAGE_SIZE);
        model.addAttribute("letters", letters.size() > PAGE_SIZE ? letters.subList(0, PAGE_SIZE) : letters);
        return "console/dead-letters";
    }

    @GetMapping("/{id}")
    String letter(@PathVariable String tenant, @PathVariable long id, Model model) {
        ApiKey key = access.require(tenant, Permission.READ);
        DeadLetterDetail letter = engine.deadLetters().get(tenant, id);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("letter", TenantAccess.readsContent(key) ? letter : letter.withoutContent());
        return "console/dead-letter";
    }

    /** The confirmation page of a replay or discard: what will happen to which message. */
    @GetMapping("/{id}/{action:replay|discard}")
    String confirm(@PathVariable String tenant, @PathVariable long id, @PathVariable String action, Model model) {
        access.require(tenant, Permission.ADMIN);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("letter", engine.deadLetters().get(tenant, id).summary());
        model.addAttribute("action", action);
        return "console/dead-letter-confirm";
    }

    @PostMapping("/{id}/replay")
    String replay(@PathVariable String tenant, @PathVariable long id, RedirectAttributes redirect) {
        access.require(tenant, Permission.ADMIN);
        try {
            DeadLetterSummary replayed = engine.deadLetters().replay(tenant, id, access.actor());
            redirect.addFlashAttribute("notice", "Dead letter " + id + " was sent back to stage '" + replayed.stage() + "'.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + ConsolePaths.tenant(tenant) + "/dead-letters";
    }

    @PostMapping("/{id}/discard")
    String discard(@PathVariable String tenant, @PathVariable long id, RedirectAttributes redirect) {
        access.require(tenant, Permission.ADMIN);
        try {
            engine.deadLetters().discard(tenant, id, access.actor());
            redirect.addFlashAttribute("notice", "Dead letter " + id + " was discarded.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + ConsolePaths.tenant(tenant) + "/dead-letters";
    }

    /** The stages of the tenant's plugin, for the filter (none when the plugin is not installed). */
    private List<String> stageNames(String tenant) {
        return engine.plugins().find(engine.tenants().get(tenant).pluginId())
                .map(plugin -> plugin.topology().stages().stream().map(Stage::name).toList())
                .orElse(List.of());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
