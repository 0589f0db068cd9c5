package dev.conveyor.server.api;

import dev.conveyor.engine.envelope.EnvelopeCodec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's JSON mapper reads with the same limits as the engine's codec ({@link EnvelopeCodec#READ_LIMITS}:
 * document size, nesting depth, string, name and number length), so every JSON body is bounded while it streams.
 * Boot's own settings ({@code spring.jackson.*}) still apply through its customizers.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(EnvelopeCodec.boundedJsonFactory());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
