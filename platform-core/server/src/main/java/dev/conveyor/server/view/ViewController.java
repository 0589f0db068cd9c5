package dev.conveyor.server.view;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tenants/{tenant}/{resource}/{key}}: a record of a plugin view (JSON, or a document as is), or 404. */
@RestController
class ViewController {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    ViewController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/{resource}/{key}")
    ResponseEntity<?> find(@PathVariable String tenant, @PathVariable String resource, @PathVariable String key) {
        access.require(tenant, Permission.READ);
        Object found = engine.routes().view(tenant, resource, key);
        if (found instanceof BinaryContent document) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(document.contentType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(document.fileName()).build().toString())
                    .body(document.bytes());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(found);
    }
}
