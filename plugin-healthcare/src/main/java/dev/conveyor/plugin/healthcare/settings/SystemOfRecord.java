package dev.conveyor.plugin.healthcare.settings;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/** A system appointments are synced to (an EHR, a billing system): its webhook URL and the secret requests are signed with. */
public record SystemOfRecord(String name, URI url, String secret) {

    public SystemOfRecord {
        requireNonNull(name, "name is null");
        requireNonNull(url, "url is null");
        requireNonNull(secret, "secret is null");
    }

    /** Without the secret, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "SystemOfRecord[name=" + name + ", url=" + url + ", secret=********]";
    }
}
