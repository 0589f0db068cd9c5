package dev.conveyor.engine.notification;

/** How a notification reaches its recipient. */
public enum Channel {
    EMAIL("e-mail"),
    SMS("SMS");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** The channel as a sentence names it. */
    public String label() {
        return label;
    }
}
