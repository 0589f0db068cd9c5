package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.notification.Channel;
import dev.conveyor.engine.notification.Delivery;
import dev.conveyor.engine.notification.DeliveryStatus;
import dev.conveyor.engine.notification.Notifications.DeliveryCount;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A tenant's notification deliveries, for the keys that read them in the API (tenant read and up): how many each
 * channel has in each status, the recent ones filtered by channel and status, and one delivery with its attempts and
 * last error. Like the API, the pages name a recipient by its id only: never an address, a phone number or a body.
 */
@Controller
@RequestMapping(ConsolePaths.HOME + "/tenants/{tenant}/deliveries")
class DeliveryPages {

    static final int RECENT = 100;

    private final ConveyorEngine engine;
    private final TenantAccess access;

    DeliveryPages(ConveyorEngine engine, TenantAccess access) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
    }

    @GetMapping
    String list(@PathVariable String tenant, @RequestParam(defaultValue = "") String channel,
            @RequestParam(defaultValue = "") String status, Model model) {
        access.require(tenant, Permission.READ);
        engine.tenants().get(tenant);
        Channel shownChannel = Arrays.stream(Channel.values()).filter(known -> known.name().equals(channel))
                .findFirst().orElse(null);
        DeliveryStatus shownStatus = Arrays.stream(DeliveryStatus.values()).filter(known -> known.name().equals(status))
                .findFirst().orElse(null);
        List<Delivery> deliveries = engine.notifications().recentDeliveries(tenant, shownChannel, shownStatus, RECENT);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("counts", counts(engine.notifications().deliveryCounts(tenant)));
        model.addAttribute("channel", shownChannel == null ? "" : shownChannel.name());
        model.addAttribute("status", shownStatus == null ? "" : shownStatus.name());
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("recent", RECENT);
        return "console/deliveries";
    }

    @GetMapping("/{id}")
    String delivery(@PathVariable String tenant, @PathVariable UUID id, Model model) {
        access.require(tenant, Permission.READ);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("delivery", engine.notifications().delivery(tenant, id));
        return "console/delivery";
    }

    /** Every channel with every status, zero where none. */
    private static Map<Channel, Map<DeliveryStatus, Long>> counts(List<DeliveryCount> counted) {
        Map<Channel, Map<DeliveryStatus, Long>> table = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            Map<DeliveryStatus, Long> row = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : DeliveryStatus.values()) {
                row.put(status, 0L);
            }
            table.put(channel, row);
        }
        counted.forEach(count -> table.get(count.channel()).put(count.status(), count.count()));
        return table;
    }
}
