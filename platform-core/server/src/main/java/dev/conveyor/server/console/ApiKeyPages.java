package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.apikey.IssuedKey;
import dev.conveyor.engine.apikey.Scope;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API keys of a tenant (its admins and platform admins) and the platform's keys (platform admins): list, create
 * (the token is on the answer's page once, never again) and revoke after a confirmation page. The rules on names,
 * scopes and expiry are the engine's, its messages shown next to the fields.
 */
@Controller
class ApiKeyPages {

    private static final String PLATFORM_KEYS = ConsolePaths.HOME + "/platform/api-keys";
    private static final List<String> TENANT_SCOPES = Arrays.stream(Scope.values()).filter(scope -> !scope.isPlatform())
            .map(Scope::name).toList();

    private final ConveyorEngine engine;
    private final TenantAccess access;

    ApiKeyPages(ConveyorEngine engine, TenantAccess access) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
    }

    @GetMapping(ConsolePaths.HOME + "/tenants/{tenant}/api-keys")
    String tenantKeys(@PathVariable String tenant, Model model) {
        access.require(tenant, Permission.ADMIN);
        return page(tenant, model, Map.of());
    }

    @PostMapping(ConsolePaths.HOME + "/tenants/{tenant}/api-keys")
    String createTenantKey(@PathVariable String tenant, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String scope, @RequestParam(defaultValue = "") String expiresOn,
            HttpServletResponse response, Model model) {
        access.require(tenant, Permission.ADMIN);
        return create(tenant, name, scope, expiresOn, response, model);
    }

    @GetMapping(ConsolePaths.HOME + "/tenants/{tenant}/api-keys/{keyId}/revoke")
    String confirmTenantRevoke(@PathVariable String tenant, @PathVariable String keyId, Model model) {
        access.require(tenant, Permission.ADMIN);
        return confirmRevoke(tenant, keyId, model);
    }

    @PostMapping(ConsolePaths.HOME + "/tenants/{tenant}/api-keys/{keyId}/revoke")
    String revokeTenantKey(@PathVariable String tenant, @PathVariable String keyId, RedirectAttributes redirect) {
        access.require(tenant, Permission.ADMIN);
        engine.apiKeys().revoke(tenant, keyId);
        redirect.addFlashAttribute("notice", "API key " + keyId + " is revoked: it is refused from now on.");
        return "redirect:" + ConsolePaths.tenant(tenant) + "/api-keys";
    }

    @GetMapping(PLATFORM_KEYS)
    String platformKeys(Model model) {
        access.requirePlatformAdmin();
        return page(null, model, Map.of());
    }

    @PostMapping(PLATFORM_KEYS)
    String createPlatformKey(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String expiresOn,
            HttpServletResponse response, Model model) {
        access.requirePlatformAdmin();
        return create(null, name, Scope.PLATFORM_ADMIN.name(), expiresOn, response, model);
    }

    @GetMapping(PLATFORM_KEYS + "/{keyId}/revoke")
    String confirmPlatformRevoke(@PathVariable String keyId, Model model) {
        access.requirePlatformAdmin();
        return confirmRevoke(null, keyId, model);
    }

    @PostMapping(PLATFORM_KEYS + "/{keyId}/revoke")
    String revokePlatformKey(@PathVariable String keyId, RedirectAttributes redirect) {
        access.requirePlatformAdmin();
        engine.apiKeys().revoke(null, keyId);
        redirect.addFlashAttribute("notice", "API key " + keyId + " is revoked: it is refused from now on.");
        return "redirect:" + PLATFORM_KEYS;
    }

    private String create(String tenant, String name, String scope, String expiresOn, HttpServletResponse response,
            Model model) {
        Map<String, String> problems = new LinkedHashMap<>();
        Instant expiresAt = null;
        if (!expiresOn.isBlank()) {
            try {
                expiresAt = LocalDate.parse(expiresOn.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                problems.put("expiresAt", "must be a date such as 2027-01-31");
            }
        }
        Scope chosen = TENANT_SCOPES.contains(scope) || Scope.PLATFORM_ADMIN.name().equals(scope) ? Scope.valueOf(scope) : null;
        if (problems.isEmpty()) {
            try {
                IssuedKey issued = engine.apiKeys().create(tenant, name.strip(), chosen, expiresAt, access.actor());
                // Shown on this answer only: not kept in the session, and the page must not be cached.
                response.setHeader("Cache-Control", "no-store");
                model.addAttribute("issued", issued);
                return page(tenant, model, Map.of());
            } catch (ValidationException e) {
                e.violations().forEach(violation -> problems.merge(violation.field(), violation.message(), (a, b) -> a + "; " + b));
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("name", name);
        model.addAttribute("scope", scope);
        model.addAttribute("expiresOn", expiresOn);
        return page(tenant, model, problems);
    }

    private String page(String tenant, Model model, Map<String, String> problems) {
        if (tenant != null) {
            engine.tenants().get(tenant);
        }
        model.addAttribute("tenantId", tenant);
        model.addAttribute("keysPath", tenant == null ? PLATFORM_KEYS : ConsolePaths.tenant(tenant) + "/api-keys");
        model.addAttribute("scopes", tenant == null ? List.of(Scope.PLATFORM_ADMIN.name()) : TENANT_SCOPES);
        model.addAttribute("keys", engine.apiKeys().list(tenant));
        model.addAttribute("problems", problems);
        model.addAttribute("now", engine.clock().instant());
        return "console/api-keys";
    }

    private String confirmRevoke(String tenant, String keyId, Model model) {
        ApiKey key = engine.apiKeys().list(tenant).stream().filter(candidate -> candidate.id().equals(keyId)).findFirst()
                .orElseThrow(() -> new NotFoundException((tenant == null ? "the platform"
                        : "tenant '" + tenant + "'") + " has no API key '" + keyId + "'"));
        model.addAttribute("tenantId", tenant);
        model.addAttribute("key", key);
        model.addAttribute("keysPath", tenant == null ? PLATFORM_KEYS : ConsolePaths.tenant(tenant) + "/api-keys");
        return "console/api-key-revoke";
    }
}
