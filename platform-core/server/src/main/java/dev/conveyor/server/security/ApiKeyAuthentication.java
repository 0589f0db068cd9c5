package dev.conveyor.server.security;

import dev.conveyor.engine.apikey.ApiKey;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an API key; its authority is the key's scope. The API builds one per request from the
 * bearer header, the console from the key its session signed in with.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKey key;

    public ApiKeyAuthentication(ApiKey key) {
        super(List.of(new SimpleGrantedAuthority("SCOPE_" + key.scope().name())));
        this.key = key;
        setAuthenticated(true);
    }

    public ApiKey key() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return key;
    }

    @Override
    public String getName() {
        return "key:" + key.id();
    }
}
