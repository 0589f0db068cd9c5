package dev.conveyor.server.api;

import static java.util.Objects.requireNonNull;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.View;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts each plugin's routes into the OpenAPI document with their real shapes: its ingest routes
 * ({@code POST /api/v1/tenants/{tenant}/<resource>}) with the message type's JSON Schema, its views
 * ({@code GET .../<resource>/{key}}) with the record they answer, and its actions with the items they read. The
 * schemas are generated from the records (their Bean Validation rules included) and kept as components named
 * {@code <plugin>.<Type>}. A resource two plugins share (both have {@code orders}) takes either plugin's shape.
 */
public final class PluginDocs {

    private static final Logger log = LoggerFactory.getLogger(PluginDocs.class);
    private static final String TENANTS = "/api/v1/tenants/{tenant}/";
    private static final String PROBLEM = "#/components/schemas/Problem";

    private final SchemaGenerator generator;

    public PluginDocs() {
        this.generator = new SchemaGenerator(new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule())
                .with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                        JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
                .with(Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
                .build());
    }

    /** The JSON Schema of {@code type} on its own, its nested types under {@code $defs} (the event type catalogue). */
    public JsonNode jsonSchema(Class<?> type) {
        return generator.generateSchema(type);
    }

    /** Adds every plugin's routes and schemas to {@code openApi}. */
    void addTo(OpenAPI openApi, PluginRegistry plugins) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        if (openApi.getPaths() == null) {
            openApi.setPaths(new Paths());
        }
        openApi.getComponents().addSchemas("Problem", problemSchema());
        for (DomainPlugin<?> plugin : plugins.all()) {
            try {
                addPlugin(openApi, plugin);
            } catch (RuntimeException e) {
                // One plugin whose types the generator cannot read must not take the whole document down.
                log.warn("the API document leaves out plugin '{}': its schemas could not be generated: {}", plugin.id(),
                        e.toString());
            }
        }
    }

    private void addPlugin(OpenAPI openApi, DomainPlugin<?> plugin) {
        for (IngestRoute<?> route : plugin.ingestRoutes()) {
            Schema<?> message = schema(openApi.getComponents(), plugin.id(), route.queue().messageType().javaType());
            addRequest(openApi, TENANTS + route.resource(), plugin, "Send a " + route.queue().messageType().name()
                    + " message to queue " + route.queue().name() + " (plugin " + plugin.id() + "); 202 with its id",
                    new Content().addMediaType("application/json", new MediaType().schema(message)), "202", accepted());
        }
        for (Action<?> action : plugin.actions()) {
            Schema<?> item = schema(openApi.getComponents(), plugin.id(), action.itemType());
            Content content = new Content();
            for (Action.InputFormat format : action.accepts()) {
                content.addMediaType(format.mediaType(), new MediaType().schema(switch (format) {
                    case JSON -> new Schema<>().oneOf(List.of(item, new ArraySchema().items(item)
                            .maxItems(action.maxItems())));
                    case CSV -> new StringSchema().description("a header row naming the fields of "
                            + action.itemType().getSimpleName() + ", then one row per item (at most "
                            + action.maxItems() + ")");
                }));
            }
            addRequest(openApi, TENANTS + action.resource(), plugin, "Run action " + action.resource()
                    + " (plugin " + plugin.id() + ") on up to " + action.maxItems() + " items", content,
                    "200", new ApiResponse().description("what the action did").content(json(new ObjectSchema())));
        }
        for (View<?> view : plugin.views()) {
            addView(openApi, plugin, view);
        }
    }

    /** The schema of {@code type} as a reference to its component {@code <plugin>.<Type>}, its nested types beside it. */
    Schema<?> schema(Components components, String pluginId, Class<?> type) {
        ObjectNode generated = (ObjectNode) generator.generateSchema(type);
        String prefix = "#/components/schemas/" + pluginId + ".";
        JsonNode definitions = generated.remove("$defs");
        generated.remove("$schema");
        if (definitions != null) {
            for (String name : definitions.propertyNames()) {
                components.addSchemas(pluginId + "." + name, swagger(rewriteReferences(definitions.get(name), prefix)));
            }
        }
        String own = pluginId + "." + type.getSimpleName();
        if (generated.has("$ref")) {
            // The type itself is among the definitions (it refers to itself somewhere).
            return new Schema<>().$ref(prefix + generated.get("$ref").asString().substring("#/$defs/".length()));
        }
        components.addSchemas(own, swagger(rewriteReferences(generated, prefix)));
        return new Schema<>().$ref(prefix + type.getSimpleName());
    }

    private static JsonNode rewriteReferences(JsonNode node, String prefix) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode reference = object.get("$ref");
            if (reference != null && reference.isString()) {
                String target = reference.asString();
                object.put("$ref", target.equals("#") ? target : prefix + target.substring(target.lastIndexOf('/') + 1));
            }
            object.propertyNames().forEach(name -> rewriteReferences(object.get(name), prefix));
        } else if (node.isArray()) {
            node.forEach(item -> rewriteReferences(item, prefix));
        }
        return node;
    }

    private static Schema<?> swagger(JsonNode schema) {
        try {
            return Json31.mapper().readValue(schema.toString(), Schema.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a generated schema is not one OpenAPI reads: " + e.getOriginalMessage(), e);
        }
    }

    private void addView(OpenAPI openApi, DomainPlugin<?> plugin, View<?> view) {
        boolean document = BinaryContent.class.isAssignableFrom(view.resultType())
                || BinaryContent.Deferred.class.isAssignableFrom(view.resultType());
        Content content = document
                ? new Content().addMediaType("*/*", new MediaType().schema(new StringSchema().format("binary")))
                : json(schema(openApi.getComponents(), plugin.id(), view.resultType()));
        Operation get = new Operation()
                .addTagsItem(plugin.id())
                .summary("Read a " + view.resource() + " by " + view.keyName() + " (plugin " + plugin.id() + ")")
                .addParametersItem(pathParameter("tenant"))
                .addParametersItem(pathParameter(view.keyName()))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description(document ? "the document" : "the record")
                                .content(content))
                        .addApiResponse("404", problem("no such tenant, view or record")));
        String path = TENANTS + view.resource() + "/{" + view.keyName() + "}";
        PathItem item = openApi.getPaths().computeIfAbsent(path, ignored -> new PathItem());
        if (item.getGet() == null) {
            item.setGet(get);
        } else {
            item.getGet().setSummary(item.getGet().getSummary() + "; " + get.getSummary());
            mergeContent(item.getGet().getResponses().get("200").getContent(), content);
        }
    }

    private void addRequest(OpenAPI openApi, String path, DomainPlugin<?> plugin, String summary, Content content,
            String status, ApiResponse success) {
        PathItem item = openApi.getPaths().computeIfAbsent(path, ignored -> new PathItem());
        Operation post = item.getPost();
        if (post == null) {
            item.setPost(new Operation()
                    .addTagsItem(plugin.id())
                    .summary(summary)
                    .addParametersItem(pathParameter("tenant"))
                    .requestBody(new RequestBody().required(true).content(content))
                    .responses(new ApiResponses()
                            .addApiResponse(status, success)
                            .addApiResponse("400", problem("the body breaks the rules of its type (each path named)"))
                            .addApiResponse("415", problem("a media type the route does not read"))));
            return;
        }
        post.addTagsItem(plugin.id());
        post.setSummary(post.getSummary() + "; " + summary);
        mergeContent(post.getRequestBody().getContent(), content);
    }

    /** Two plugins' shapes for one resource: either may be sent. */
    private static void mergeContent(Content into, Content added) {
        added.forEach((mediaType, media) -> {
            MediaType existing = into.get(mediaType);
            if (existing == null) {
                into.addMediaType(mediaType, media);
            } else if (!existing.getSchema().equals(media.getSchema())) {
                List<Schema> either = new ArrayList<>(existing.getSchema().getOneOf() != null
                        && existing.getSchema().get$ref() == null ? existing.getSchema().getOneOf() : List.of(existing.getSchema()));
                either.add(media.getSchema());
                existing.setSchema(new Schema<>().oneOf(either));
            }
        });
    }

    private static ApiResponse accepted() {
        return new ApiResponse().description("accepted: the message is queued").content(json(new ObjectSchema()
                .addProperty("messageId", new StringSchema())
                .addProperty("tenant", new StringSchema())
                .addProperty("queue", new StringSchema())
                .addProperty("status", new StringSchema()._enum(List.of("ACCEPTED")))));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(requireNonNull(schema)));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref(PROBLEM))));
    }

    private static Parameter pathParameter(String name) {
        return new Parameter().in("path").name(name).required(true).schema(new StringSchema());
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; violations list each broken rule of a 400")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("violations", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())));
    }
}
