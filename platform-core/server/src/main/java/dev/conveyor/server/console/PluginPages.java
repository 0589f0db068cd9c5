package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.settings.SettingProperty;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.StageSettings;
import dev.conveyor.server.api.PluginDocs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The plugins, as {@code GET /api/v1/plugins} has them and for the same keys (any signed-in key): each installed
 * plugin's topology (stages with their default settings, queues), message types with the JSON Schemas the API
 * document has, and the tenant settings its settings record declares; each plugin that failed to install, with why.
 */
@Controller
class PluginPages {

    private static final Logger log = LoggerFactory.getLogger(PluginPages.class);

    private final ConveyorEngine engine;
    private final PluginDocs docs = new PluginDocs();

    PluginPages(ConveyorEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    record PluginView(String id, String displayName, String source, List<StageLine> stages, List<QueueLine> queues,
            List<MessageTypeLine> messageTypes, List<SettingLine> settings) {
    }

    record StageLine(String name, String consumes, String emits, String settings) {
    }

    record QueueLine(String name, String messageType, boolean entry, String readBy) {
    }

    /** A message type with its JSON Schema, or {@code null} with the reason when it could not be generated. */
    record MessageTypeLine(String name, String javaType, String schema, String problem) {
    }

    /** A setting, nested ones named by their path ({@code carrier.apiUrl}, {@code rules[].zone}). */
    record SettingLine(String name, String type, String help, String defaultValue, boolean required, boolean secret,
            String options) {
    }

    @GetMapping(ConsolePaths.HOME + "/plugins")
    String plugins(Model model) {
        // Any signed-in key, as the API lets any key read /api/v1/plugins (the console's chain has authenticated it).
        PluginRegistry plugins = engine.plugins();
        model.addAttribute("plugins", plugins.all().stream().map(plugin -> view(plugins, plugin)).toList());
        model.addAttribute("failures", plugins.failures());
        return "console/plugins";
    }

    private PluginView view(PluginRegistry plugins, DomainPlugin<?> plugin) {
        List<StageLine> stages = plugin.topology().stages().stream().map(stage -> new StageLine(stage.name(),
                stage.consumes().name(), String.join(", ", stage.emits().stream().map(Queue::name).toList()),
                settings(stage.settings()))).toList();
        List<QueueLine> queues = plugin.topology().queues().stream().map(queue -> new QueueLine(queue.name(),
                queue.messageType().name(), plugin.topology().isEntryQueue(queue.name()),
                String.join(", ", plugin.topology().subscribers(queue.name()).stream().map(Stage::name).toList()))).toList();
        Map<String, MessageType<?>> types = new LinkedHashMap<>();
        plugin.topology().queues().forEach(queue -> types.putIfAbsent(queue.messageType().name(), queue.messageType()));
        List<MessageTypeLine> messageTypes = types.values().stream().map(type -> messageType(plugin, type)).toList();
        List<SettingLine> settings = new ArrayList<>();
        plugins.settings(plugin.id()).properties().forEach(property -> flatten("", property, settings));
        return new PluginView(plugin.id(), plugin.displayName(), plugins.source(plugin.id()), stages, queues,
                messageTypes, settings);
    }

    private MessageTypeLine messageType(DomainPlugin<?> plugin, MessageType<?> type) {
        try {
            return new MessageTypeLine(type.name(), type.javaType().getName(),
                    docs.jsonSchema(type.javaType()).toPrettyString(), null);
        } catch (RuntimeException e) {
            // As in the API document: one type the generator cannot read leaves out its schema, not the page.
            log.warn("the schema of message type '{}' of plugin '{}' could not be generated: {}", type.name(), plugin.id(),
                    e.toString());
            return new MessageTypeLine(type.name(), type.javaType().getName(), null,
                    "its JSON Schema could not be generated: " + e.getMessage());
        }
    }

    private static String settings(StageSettings settings) {
        return "concurrency " + settings.concurrency() + ", batch " + settings.batchSize() + ", lease "
                + StageField.duration(settings.lease()) + ", " + settings.maxDeliveries() + " deliveries, retry back-off "
                + StageField.duration(settings.retryBackoff()) + " to " + StageField.duration(settings.maxRetryBackoff())
                + ", idle poll up to " + StageField.duration(settings.maxIdlePoll());
    }

    private static void flatten(String prefix, SettingProperty property, List<SettingLine> into) {
        String name = prefix + property.name();
        into.add(new SettingLine(name, property.type().name(), property.help(), property.defaultValue(),
                property.required(), property.secret(), property.options() == null ? null : String.join(", ", property.options())));
        if (property.properties() != null) {
            property.properties().forEach(nested -> flatten(name + ".", nested, into));
        }
        if (property.items() != null) {
            SettingProperty items = property.items();
            if (items.properties() != null) {
                items.properties().forEach(nested -> flatten(name + "[].", nested, into));
            }
        }
    }
}
