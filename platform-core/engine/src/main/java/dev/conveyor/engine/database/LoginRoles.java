package dev.conveyor.engine.database;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.postgresql.PGConnection;

/**
 * The logins the application and the platform use instead of the schema owner's. Each is a plain role (no
 * superuser, no BYPASSRLS, no role creation, inheriting nothing) with a password derived from the owner's, so
 * every instance of a deployment computes the same one without another secret to configure, and rotating the
 * owner's password rotates them at the next start.
 */
final class LoginRoles {

    private LoginRoles() {
    }

    /** The password of {@code role}: an HMAC of its name keyed with the owner's password. */
    static String password(String ownerPassword, String role) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] key = ("conveyor-login:" + (ownerPassword == null ? "" : ownerPassword)).getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(role.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Creates the roles if missing and (re)sets their attributes and passwords. The password goes over the wire as
     * a SCRAM verifier computed here, so it never appears in a statement Postgres could log.
     */
    static void ensure(Connection owner, String ownerPassword, String... roles) throws SQLException {
        for (String role : roles) {
            boolean exists;
            try (PreparedStatement find = owner.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                find.setString(1, role);
                try (ResultSet row = find.executeQuery()) {
                    exists = row.next();
                }
            }
            try (Statement statement = owner.createStatement()) {
                statement.execute((exists ? "alter" : "create") + " role " + role
                        + " login nosuperuser nobypassrls nocreaterole nocreatedb noinherit");
            }
            owner.unwrap(PGConnection.class).alterUserPassword(role, password(ownerPassword, role).toCharArray(),
                    "scram-sha-256");
        }
    }
}
