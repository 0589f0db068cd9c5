package dev.conveyor.server.stream;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.notification.NotificationSettings;
import java.util.Map;
import java.util.regex.Pattern;

/** The tenant's branding on the public pages (tracking, lookup): its name or logo and its colours. */
final class PageBranding {

    private static final String DEFAULT_PRIMARY = "#0b5394";
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

    private PageBranding() {
    }

    /** Adds {@code brandName}, {@code logoUrl}, {@code primaryColour} and {@code accentColour} for the page's header. */
    static void addTo(Map<String, Object> model, ConveyorEngine engine, String tenantId) {
        NotificationSettings.Branding branding = engine.notifications().settings(tenantId).branding();
        model.put("brandName", branding.name() != null ? branding.name()
                : engine.tenants().get(tenantId).displayName());
        model.put("logoUrl", branding.logoUrl());
        // Written unescaped into the page's style: only #rrggbb passes (as the settings API also insists).
        String primary = colour(branding.primaryColour(), DEFAULT_PRIMARY);
        model.put("primaryColour", primary);
        model.put("accentColour", colour(branding.accentColour(), primary));
    }

    private static String colour(String value, String otherwise) {
        return value != null && COLOUR.matcher(value).matches() ? value : otherwise;
    }
}
