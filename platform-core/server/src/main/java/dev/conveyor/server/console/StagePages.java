package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.PreconditionFailedException;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TopologyChange;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.StageSettings;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One stage of a tenant: its effective settings beside the plugin's defaults, a form to override them (for keys
 * that may administer the tenant, as {@code PATCH .../topology/stages/{stage}}), and who changed them when. The
 * rules are the engine's ({@code Topologies.overrideStage}: Azure's ranges, the operator's caps), its messages shown
 * next to the fields they name; the form carries the topology version it was read at, and a save over someone
 * else's change is refused (409) with a way to reload, never applied over it.
 */
@Controller
@RequestMapping(ConsolePaths.HOME + "/tenants/{tenant}/stages/{stage}")
class StagePages {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    StagePages(ConveyorEngine engine, TenantAccess access) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
    }

    /** One row of the settings table: what runs now, the plugin's default, the override, and the form's value. */
    record SettingRow(String key, String label, String help, String kind, String effective, String pluginDefault,
            boolean overridden, String value, String problem) {
    }

    /** One audited change of this stage: the version it made, who, when, and each field's old and new value. */
    record ChangeLine(long version, String actor, Instant changedAt, List<String> changes) {
    }

    @GetMapping
    String show(@PathVariable String tenant, @PathVariable String stage, Model model) {
        access.require(tenant, Permission.READ);
        StageState state = state(tenant, stage);
        Map<StageField, String> values = new EnumMap<>(StageField.class);
        for (StageField field : StageField.values()) {
            values.put(field, field.shown(state.view().settings(), state.view().enabled()));
        }
        return page(model, state, values, state.version(), Map.of());
    }

    @PostMapping
    String change(@PathVariable String tenant, @PathVariable String stage,
            @RequestParam(name = "version", defaultValue = "-1") long version, @RequestParam Map<String, String> typed,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        access.require(tenant, Permission.ADMIN);
        StageState state = state(tenant, stage);
        Map<StageField, String> values = new EnumMap<>(StageField.class);
        for (StageField field : StageField.values()) {
            values.put(field, typed.getOrDefault(field.key(), ""));
        }
        if (version != state.version()) {
            return conflict(response, model, state, values, version);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Map<StageField, Object> changed = new EnumMap<>(StageField.class);
        for (StageField field : StageField.values()) {
            Object value = field.read(values.get(field), problems);
            if (value != null && !StageField.text(value).equals(field.shown(state.view().settings(), state.view().enabled()))) {
                changed.put(field, value);
            }
        }
        if (problems.isEmpty()) {
            if (changed.isEmpty()) {
                redirect.addFlashAttribute("notice", "Nothing changed: every value is the one already in effect.");
                return "redirect:" + path(tenant, stage);
            }
            try {
                TenantRecord updated = engine.topologies().overrideStage(tenant, stage, patch(changed), version, access.actor());
                redirect.addFlashAttribute("notice", "The settings of stage '" + stage + "' are saved (topology version "
                        + updated.topologyVersion() + ") and apply to its running consumers.");
                return "redirect:" + path(tenant, stage);
            } catch (ValidationException e) {
                e.violations().forEach(violation -> problems.merge(violation.field(), violation.message(),
                        (a, b) -> a + "; " + b));
            } catch (PreconditionFailedException e) {
                return conflict(response, model, state(tenant, stage), values, version);
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return page(model, state, values, version, problems);
    }

    private String conflict(HttpServletResponse response, Model model, StageState state, Map<StageField, String> values,
            long version) {
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("conflict", "Someone else changed the topology of tenant '" + state.tenantId() + "' while you"
                + " edited it: it is now at version " + state.version() + ", your form was read at version " + version
                + ". Your values below are not saved. Reload the current values, then make your change again.");
        return page(model, state, values, version, Map.of());
    }

    private String page(Model model, StageState state, Map<StageField, String> values, long version,
            Map<String, String> problems) {
        ApiKey key = access.currentKey();
        List<SettingRow> rows = new ArrayList<>();
        for (StageField field : StageField.values()) {
            String overridden = field.overridden(state.view().override());
            rows.add(new SettingRow(field.key(), field.label(), field.help(), field.kind().name(),
                    field.shown(state.view().settings(), state.view().enabled()),
                    field.shown(state.defaults(), true), overridden != null, values.get(field), problems.get(field.key())));
        }
        List<String> general = problems.entrySet().stream()
                .filter(problem -> Arrays.stream(StageField.values()).noneMatch(field -> field.key().equals(problem.getKey())))
                .map(problem -> problem.getKey() + ": " + problem.getValue()).toList();
        model.addAttribute("tenantId", state.tenantId());
        model.addAttribute("stage", state.view());
        model.addAttribute("topologyVersion", state.version());
        model.addAttribute("formVersion", version);
        model.addAttribute("rows", rows);
        model.addAttribute("hasProblems", !problems.isEmpty());
        model.addAttribute("generalProblems", general);
        model.addAttribute("editable", TenantAccess.grants(key, Permission.ADMIN));
        model.addAttribute("durationForms", StageField.DURATION_FORMS);
        model.addAttribute("changes", changes(state.tenantId(), state.view().name()));
        model.addAttribute("path", path(state.tenantId(), state.view().name()));
        return "console/stage";
    }

    /** The audited changes that touched this stage, newest first, each field as "old → new". */
    private List<ChangeLine> changes(String tenant, String stage) {
        List<ChangeLine> lines = new ArrayList<>();
        for (TopologyChange change : engine.topologies().audit(tenant)) {
            StageOverride before = change.before().getOrDefault(stage, StageOverride.NONE);
            StageOverride after = change.after().getOrDefault(stage, StageOverride.NONE);
            List<String> fields = new ArrayList<>();
            for (StageField field : StageField.values()) {
                String old = field.overridden(before);
                String now = field.overridden(after);
                if (!Objects.equals(old, now)) {
                    fields.add(field.label() + ": " + (old == null ? "plugin default" : old) + " → "
                            + (now == null ? "plugin default" : now));
                }
            }
            if (!fields.isEmpty()) {
                lines.add(new ChangeLine(change.version(), change.actor(), change.changedAt(), fields));
            }
        }
        return lines;
    }

    private StageState state(String tenant, String stage) {
        TopologyView topology = engine.topologies().of(tenant);
        TopologyView.Stage view = topology.stages().stream().filter(candidate -> candidate.name().equals(stage)).findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenant + "' has no stage '" + stage + "' (stages: "
                        + String.join(", ", topology.stages().stream().map(TopologyView.Stage::name).toList()) + ")"));
        StageSettings defaults = engine.plugins().get(topology.pluginId()).topology().stage(stage).map(Stage::settings)
                .orElse(view.settings());
        return new StageState(tenant, topology.version(), view, defaults);
    }

    private static StageOverride patch(Map<StageField, Object> changed) {
        return new StageOverride(
                (Boolean) changed.get(StageField.ENABLED),
                (Integer) changed.get(StageField.CONCURRENCY),
                (Integer) changed.get(StageField.BATCH_SIZE),
                (Duration) changed.get(StageField.LEASE),
                (Integer) changed.get(StageField.MAX_DELIVERIES),
                (Duration) changed.get(StageField.RETRY_BACKOFF),
                (Duration) changed.get(StageField.MAX_RETRY_BACKOFF),
                (Duration) changed.get(StageField.MAX_IDLE_POLL));
    }

    private static String path(String tenant, String stage) {
        return ConsolePaths.tenant(tenant) + "/stages/" + stage;
    }

    private record StageState(String tenantId, long version, TopologyView.Stage view, StageSettings defaults) {
    }
}
