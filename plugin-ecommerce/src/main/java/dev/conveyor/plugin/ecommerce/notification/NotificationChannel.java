package dev.conveyor.plugin.ecommerce.notification;

/** How a notification reaches the customer. */
public enum NotificationChannel {
    EMAIL
}
