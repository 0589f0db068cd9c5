package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.deadletter.DeadLetters.BulkResolution;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterDetail;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterFilter;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterSummary;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
 * A tenant's dead letters: the list (filtered by stage, error text, time and status, as the API filters them), one
 * letter (its body, error texts and stack traces only for keys that may read them, as in the API), and replaying or
 * discarding one, or every unresolved one matching the filter (the engine's bulk resolution, as the API's), after a
 * confirmation page saying how many.
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
            @RequestParam(defaultValue = "") String error, @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "DEAD") String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        access.require(tenant, Permission.READ);
        String shownStatus = STATUSES.contains(status) ? status : "DEAD";
        int shownPage = Math.max(0, page);
        ShownFilter shown = new ShownFilter(stage.strip(), error.strip(), from.strip(), to.strip());
        DeadLetterFilter filter = shown.filter(shownStatus);
        List<DeadLetterSummary> letters = engine.deadLetters().list(tenant, filter, shownPage * PAGE_SIZE, PAGE_SIZE + 1);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("stages", stageNames(tenant));
        model.addAttribute("stage", shown.stage());
        model.addAttribute("error", shown.error());
        model.addAttribute("from", shown.from());
        model.addAttribute("to", shown.to());
        model.addAttribute("status", shownStatus);
        model.addAttribute("page", shownPage);
        model.addAttribute("hasNext", letters.size() > PAGE_SIZE);
        model.addAttribute("letters", letters.size() > PAGE_SIZE ? letters.subList(0, PAGE_SIZE) : letters);
        return "console/dead-letters";
    }

    /**
     * The confirmation of a replay or discard of every unresolved letter matching the filter: what it does, and how
     * many match now.
     */
    // Literal paths: a pattern such as /bulk/{action} would tie with /{id}/replay and /{id}/discard.
    @GetMapping({"/bulk/replay", "/bulk/discard"})
    String confirmBulk(@PathVariable String tenant, HttpServletRequest request,
            @RequestParam(defaultValue = "") String stage, @RequestParam(defaultValue = "") String error,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model) {
        String action = bulkAction(request);
        access.require(tenant, Permission.ADMIN);
        ShownFilter shown = new ShownFilter(stage.strip(), error.strip(), from.strip(), to.strip());
        long matching = engine.deadLetters().countUnresolved(tenant, shown.filter(null));
        model.addAttribute("tenantId", tenant);
        model.addAttribute("action", action);
        model.addAttribute("filter", shown);
        model.addAttribute("matching", matching);
        model.addAttribute("question", (action.equals("replay") ? "Replay " : "Discard ") + letters(matching)
                + shown.describe() + "?");
        model.addAttribute("maxBulk", DeadLetters.MAX_BULK);
        return "console/dead-letters-bulk-confirm";
    }

    /**
     * Replays or discards every unresolved letter matching the filter, at most {@link DeadLetters#MAX_BULK}, and
     * says how many it did: letters resolved meanwhile by someone else are skipped, and ones that failed since the
     * confirmation are included, so the count may differ from the one confirmed.
     */
    @PostMapping({"/bulk/replay", "/bulk/discard"})
    String bulk(@PathVariable String tenant, HttpServletRequest request,
            @RequestParam(defaultValue = "") String stage, @RequestParam(defaultValue = "") String error,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "-1") long confirmed, RedirectAttributes redirect) {
        String action = bulkAction(request);
        access.require(tenant, Permission.ADMIN);
        ShownFilter shown = new ShownFilter(stage.strip(), error.strip(), from.strip(), to.strip());
        BulkResolution done = action.equals("replay")
                ? engine.deadLetters().replayMatching(tenant, shown.filter(null), access.actor(), DeadLetters.MAX_BULK)
                : engine.deadLetters().discardMatching(tenant, shown.filter(null), access.actor(), DeadLetters.MAX_BULK);
        StringBuilder notice = new StringBuilder(action.equals("replay") ? "Replayed " : "Discarded ")
                .append(letters(done.resolved())).append(shown.describe()).append('.');
        if (confirmed >= 0 && confirmed != done.resolved()) {
            notice.append(" ").append(letters(confirmed)).append(confirmed == 1 ? " was" : " were")
                    .append(" matching when you confirmed: ").append(confirmed > done.resolved()
                            ? "the others were resolved by someone else meanwhile, or are beyond this request's limit."
                            : "more failed since.");
        }
        if (done.remaining() > 0) {
            notice.append(" ").append(letters(done.remaining())).append(done.remaining() == 1 ? " still matches" : " still match")
                    .append(" (at most ").append(DeadLetters.MAX_BULK).append(" are resolved per request): ")
                    .append(action).append(" again to continue.");
        }
        redirect.addFlashAttribute("notice", notice.toString());
        redirect.addAttribute("stage", shown.stage());
        redirect.addAttribute("error", shown.error());
        redirect.addAttribute("from", shown.from());
        redirect.addAttribute("to", shown.to());
        return "redirect:" + ConsolePaths.tenant(tenant) + "/dead-letters";
    }

    private static String bulkAction(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/replay") ? "replay" : "discard";
    }

    private static String letters(long count) {
        return count + (count == 1 ? " dead letter" : " dead letters");
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

    /**
     * The filter as the page's form gives it: times as the browser's {@code datetime-local} (in UTC, to the minute
     * or second), blanks for "any".
     */
    record ShownFilter(String stage, String error, String from, String to) {

        DeadLetterFilter filter(String status) {
            return new DeadLetterFilter(blankToNull(stage), blankToNull(error), time("from", from), time("to", to),
                    status);
        }

        /** The filter as a sentence's end: " of stage dispatch whose error contains 'timeout'". */
        String describe() {
            StringBuilder text = new StringBuilder();
            if (!stage.isEmpty()) {
                text.append(" of stage ").append(stage);
            }
            if (!error.isEmpty()) {
                text.append(" whose error contains '").append(error).append("'");
            }
            if (!from.isEmpty()) {
                text.append(" that last failed from ").append(from.replace('T', ' ')).append(" UTC");
            }
            if (!to.isEmpty()) {
                text.append(from.isEmpty() ? " that last failed" : "").append(" before ").append(to.replace('T', ' '))
                        .append(" UTC");
            }
            return text.toString();
        }

        private static Instant time(String field, String value) {
            if (value.isEmpty()) {
                return null;
            }
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new ValidationException("dead letter filter", List.of(new Violation(field,
                        "'" + value + "' is not a time: use 2026-12-03T14:30 (UTC)")));
            }
        }
    }
}
