package dev.conveyor.plugin.logistics.dispatch;

import static java.util.Objects.requireNonNull;

/** Acme's sorting hubs; {@link #code()} is how orders, shipments and messages name them. */
public enum Hub {
    US_EAST("US-EAST"),
    US_CENTRAL("US-CENTRAL"),
    US_WEST("US-WEST"),
    CA_TORONTO("CA-TORONTO"),
    MX_MONTERREY("MX-MONTERREY"),
    EU_ROTTERDAM("EU-ROTTERDAM"),
    UK_MIDLANDS("UK-MIDLANDS");

    private final String code;

    Hub(String code) {
        this.code = requireNonNull(code, "code is null");
    }

    public String code() {
        return code;
    }
}
