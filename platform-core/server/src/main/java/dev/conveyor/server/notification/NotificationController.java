package dev.conveyor.server.notification;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.notification.Channel;
import dev.conveyor.engine.notification.Delivery;
import dev.conveyor.engine.notification.NotificationSettings;
import dev.conveyor.engine.notification.NotificationTemplates;
import dev.conveyor.engine.notification.Notifications;
import dev.conveyor.engine.notification.TenantProviders;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants/{tenant}/notifications}: the delivery records per subject (an order, a shipment, an
 * appointment) and per recipient; the tenant's channels, quiet hours and branding; its templates per kind and channel
 * (validated, with a rendered preview); a recipient's opt-outs; and the tenant's own providers (its SMTP server, its
 * SMS account; secrets never shown). Another tenant's key gets 404.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenant}/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationController {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    NotificationController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    private Notifications notifications() {
        return engine.notifications();
    }

    @GetMapping("/subjects/{kind}/{key}/deliveries")
    List<Delivery> deliveriesOfSubject(@PathVariable String tenant, @PathVariable String kind, @PathVariable String key) {
        access.require(tenant, Permission.READ);
        return notifications().deliveriesOfSubject(tenant, kind, key);
    }

    @GetMapping("/recipients/{recipientId}/deliveries")
    List<Delivery> deliveriesOfRecipient(@PathVariable String tenant, @PathVariable String recipientId,
            @RequestParam(defaultValue = "100") int limit) {
        access.require(tenant, Permission.READ);
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("paging", List.of(new Violation("limit", "must be 1..1000, was " + limit)));
        }
        return notifications().deliveriesOfRecipient(tenant, recipientId, limit);
    }

    @GetMapping("/settings")
    NotificationSettings settings(@PathVariable String tenant) {
        access.require(tenant, Permission.READ);
        return notifications().settings(tenant);
    }

    @PutMapping("/settings")
    NotificationSettings updateSettings(@PathVariable String tenant, @RequestBody NotificationSettings settings) {
        access.require(tenant, Permission.ADMIN);
        return notifications().updateSettings(tenant, settings);
    }

    @GetMapping("/templates/{kind}/{channel}")
    Notifications.TemplateView template(@PathVariable String tenant, @PathVariable String kind, @PathVariable String channel) {
        access.require(tenant, Permission.READ);
        return notifications().template(tenant, kind, channel(channel));
    }

    @PutMapping("/templates/{kind}/{channel}")
    Notifications.TemplateView putTemplate(@PathVariable String tenant, @PathVariable String kind,
            @PathVariable String channel, @RequestBody NotificationTemplates.Template template) {
        access.require(tenant, Permission.ADMIN);
        return notifications().putTemplate(tenant, kind, channel(channel), template);
    }

    @DeleteMapping("/templates/{kind}/{channel}")
    ResponseEntity<Void> deleteTemplate(@PathVariable String tenant, @PathVariable String kind, @PathVariable String channel) {
        access.require(tenant, Permission.ADMIN);
        notifications().deleteTemplate(tenant, kind, channel(channel));
        return ResponseEntity.noContent().build();
    }

    /**
     * A preview: {@code template} (the stored or default one when left out) rendered over sample {@code data} with
     * the tenant's branding.
     */
    record PreviewRequest(NotificationTemplates.Template template, Map<String, Object> data, String recipientName) {
    }

    @PostMapping("/templates/{kind}/{channel}/preview")
    NotificationTemplates.Rendered preview(@PathVariable String tenant, @PathVariable String kind,
            @PathVariable String channel, @RequestBody PreviewRequest request) {
        access.require(tenant, Permission.READ);
        return notifications().preview(tenant, kind, channel(channel), request.template(), request.data(),
                request.recipientName() == null ? "Jane Doe" : request.recipientName());
    }

    /** A recipient's opt-outs: channel and kind each a name or {@code *} for all. */
    record OptOuts(List<Notifications.OptOut> optOuts) {
    }

    @GetMapping("/recipients/{recipientId}/preferences")
    OptOuts preferences(@PathVariable String tenant, @PathVariable String recipientId) {
        access.require(tenant, Permission.READ);
        return new OptOuts(notifications().optOuts(tenant, recipientId));
    }

    @PutMapping("/recipients/{recipientId}/preferences")
    OptOuts replacePreferences(@PathVariable String tenant, @PathVariable String recipientId, @RequestBody OptOuts request) {
        access.require(tenant, Permission.ADMIN);
        return new OptOuts(notifications().replaceOptOuts(tenant, recipientId,
                request.optOuts() == null ? List.of() : request.optOuts()));
    }

    @GetMapping("/providers")
    List<TenantProviders.ProviderView> providers(@PathVariable String tenant) {
        access.require(tenant, Permission.READ);
        return notifications().tenantProviders().list(tenant);
    }

    @GetMapping("/providers/{channel}")
    TenantProviders.ProviderView provider(@PathVariable String tenant, @PathVariable String channel) {
        access.require(tenant, Permission.READ);
        return notifications().tenantProviders().get(tenant, channel(channel));
    }

    /** The tenant's own SMTP server: its e-mail goes through it instead of the platform's. */
    @PutMapping("/providers/email")
    TenantProviders.ProviderView setEmailProvider(@PathVariable String tenant,
            @RequestBody TenantProviders.EmailProvider provider) {
        access.require(tenant, Permission.ADMIN);
        return notifications().tenantProviders().setEmail(tenant, provider);
    }

    /** The tenant's own SMS account: its SMS go through it instead of the platform's. */
    @PutMapping("/providers/sms")
    TenantProviders.ProviderView setSmsProvider(@PathVariable String tenant, @RequestBody TenantProviders.SmsProvider provider) {
        access.require(tenant, Permission.ADMIN);
        return notifications().tenantProviders().setSms(tenant, provider);
    }

    /** Back to the platform's providers for the channel. */
    @DeleteMapping("/providers/{channel}")
    ResponseEntity<Void> removeProvider(@PathVariable String tenant, @PathVariable String channel) {
        access.require(tenant, Permission.ADMIN);
        Channel known = channel(channel);
        if (!notifications().tenantProviders().remove(tenant, known)) {
            throw new NotFoundException("tenant '" + tenant + "' has no " + known.label() + " provider of its own");
        }
        return ResponseEntity.noContent().build();
    }

    private static Channel channel(String channel) {
        for (Channel known : Channel.values()) {
            if (known.name().equalsIgnoreCase(channel)) {
                return known;
            }
        }
        throw new ValidationException("channel", List.of(new Violation("channel", "'" + channel
                + "' is not a channel: use EMAIL or SMS")));
    }
}
