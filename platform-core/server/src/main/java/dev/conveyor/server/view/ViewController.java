package dev.conveyor.server.view;

import dev.conveyor.engine.ConveyorEngine;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tenants/{tenant}/{resource}/{key}}: a record of a plugin view, or 404. */
@RestController
class ViewController {

    private final ConveyorEngine engine;

    ViewController(ConveyorEngine engine) {
        this.engine = engine;
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/{resource}/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
    Object find(@PathVariable String tenant, @PathVariable String resource, @PathVariable String key) {
        return engine.view(tenant, resource, key);
    }
}
