package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers of one tenant's stages, built by {@link DomainPlugin#handlers} from that tenant's settings.
 * {@link Builder#on} takes a {@link Stage} and a {@link Handler} of the same message type, so a handler that
 * cannot read its stage's messages does not compile.
 */
public final class Handlers {

    private final Map<String, Handler<?>> byStage;

    private Handlers(Map<String, Handler<?>> byStage) {
        this.byStage = Map.copyOf(byStage);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler of the stage named {@code stage}, if one was given. */
    public Optional<Handler<?>> of(String stage) {
        return Optional.ofNullable(byStage.get(stage));
    }

    /** The handled stages' names. */
    public java.util.Set<String> stages() {
        return byStage.keySet();
    }

    public static final class Builder {
        private final Map<String, Handler<?>> byStage = new LinkedHashMap<>();

        private Builder() {
        }

        /** Runs {@code handler} for every message of {@code stage}. */
        public <T> Builder on(Stage<T> stage, Handler<? super T> handler) {
            requireNonNull(stage, "stage is null");
            requireNonNull(handler, "handler is null");
            if (byStage.put(stage.name(), handler) != null) {
                throw new IllegalArgumentException("stage '" + stage.name() + "' is given two handlers");
            }
            return this;
        }

        public Handlers build() {
            return new Handlers(byStage);
        }
    }
}
