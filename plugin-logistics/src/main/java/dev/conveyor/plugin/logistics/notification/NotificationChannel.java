package dev.conveyor.plugin.logistics.notification;

/** How a notification reaches the customer. */
public enum NotificationChannel {
    EMAIL
}
