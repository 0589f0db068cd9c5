package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The connection pools the engine works with: the application's, which logs in as {@value Database#APP_ROLE}
 * (row-level security applies), the platform's, which logs in as {@value Database#PLATFORM_ROLE}, and optionally API
 * requests' own pools of both with short deadlines. Spring Boot makes them in the server, {@link DatabaseSetup#open}
 * elsewhere (both from {@link DatabaseSetup}); whoever made them closes them, never the engine.
 *
 * @param requests empty when the engine serves no API (tests, benchmarks): every transaction uses the pools above
 */
public record DatabasePools(DataSource application, DataSource platform, Optional<Requests> requests)
        implements AutoCloseable {

    public DatabasePools {
        requireNonNull(application, "application is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(requests, "requests is null");
    }

    /**
     * The pools API requests use while a thread is {@linkplain Database#servingRequest() serving one}.
     *
     * @param settings their deadlines and circuit breaker; {@code size} and {@code connectionTimeout} are the pools' own
     */
    public record Requests(DataSource application, DataSource platform, RequestPoolSettings settings) {

        public Requests {
            requireNonNull(application, "application is null");
            requireNonNull(platform, "platform is null");
            requireNonNull(settings, "settings is null");
        }
    }

    /** Closes every pool that can be closed (for {@link DatabaseSetup#open}'s caller; closing twice does nothing more). */
    @Override
    public void close() {
        List<DataSource> all = new ArrayList<>(List.of(application, platform));
        requests.ifPresent(pools -> all.addAll(List.of(pools.application(), pools.platform())));
        RuntimeException failure = null;
        for (DataSource pool : all) {
            try {
                if (pool instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not close a connection pool", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
