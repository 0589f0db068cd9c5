package dev.conveyor.server.console;

import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;

/** Who is signed in, as the pages need it: what to greet, and which links and buttons to offer. */
record Viewer(String keyId, String keyName, String scope, String tenantId, boolean platformAdmin, boolean tenantAdmin,
        boolean readsContent) {

    static Viewer of(ApiKey key) {
        return new Viewer(key.id(), key.name(), key.scope().name(), key.tenantId(), key.scope().isPlatform(),
                TenantAccess.grants(key, Permission.ADMIN), TenantAccess.readsContent(key));
    }
}
