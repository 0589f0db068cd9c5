package dev.conveyor.engine.testplugin;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One engine shared by the tests of a class: started before the first test (and before the class's own
 * {@code @BeforeAll}), closed after the last (and after its {@code @AfterAll}). Register it on a static field:
 * {@code @RegisterExtension static final EngineForClass engine = new EngineForClass(TestEngines::jobs);}
 */
public final class EngineForClass implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<ConveyorEngine.Builder> builder;
    private ConveyorEngine engine;
    /** The class context that started the engine: a nested class inherits the extension but must not start another. */
    private String startedBy;

    public EngineForClass(Supplier<ConveyorEngine.Builder> builder) {
        this.builder = requireNonNull(builder, "builder is null");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (engine == null) {
            engine = builder.get().start();
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (engine != null && context.getUniqueId().equals(startedBy)) {
            try {
                engine.close();
            } finally {
                engine = null;
                startedBy = null;
            }
        }
    }

    /** The running engine. */
    public ConveyorEngine get() {
        if (engine == null) {
            throw new IllegalStateException("the engine is not running: register this EngineForClass on a static field"
                    + " with @RegisterExtension, and use it from the tests of that class or their @BeforeAll/@AfterAll");
        }
        return engine;
    }
}
