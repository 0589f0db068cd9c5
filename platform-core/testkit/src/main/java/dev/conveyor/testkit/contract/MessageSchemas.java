package dev.conveyor.testkit.contract;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schemas of message types, generated from the records as the API documents them (victools, with Jackson's
 * view of the record and its Bean Validation rules: required, lengths, patterns, ranges), and JSON checked against
 * them. {@link #structural} leaves out the rules, for the shapes of made-up samples.
 */
public final class MessageSchemas {

    private static final SchemaGenerator WITH_RULES = generator(true);
    private static final SchemaGenerator STRUCTURAL = generator(false);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private MessageSchemas() {
    }

    /** The schema of {@code type} with its Bean Validation rules, as the API's OpenAPI document shows it. */
    public static JsonNode of(Class<?> type) {
        return WITH_RULES.generateSchema(type);
    }

    /** The schema of {@code type}'s shape alone: names, JSON types, enums' options; no required fields or bounds. */
    public static JsonNode structural(Class<?> type) {
        return STRUCTURAL.generateSchema(type);
    }

    /** Where {@code json} breaks {@code schema}, one line each ({@code $.items[0].quantity: ...}); empty when it fits. */
    public static List<String> problems(JsonNode schema, JsonNode json) {
        return SCHEMAS.getSchema(schema).validate(json).stream().map(Error::toString).toList();
    }

    private static SchemaGenerator generator(boolean withRules) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonSchemaModule())
                .with(Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS)
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS);
        if (withRules) {
            config.with(new JakartaValidationModule(JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                    JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS));
        }
        return new SchemaGenerator(config.build());
    }
}
