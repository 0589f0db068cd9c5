package dev.conveyor.plugin.healthcare.settings;

/** How a patient is told about an appointment; a tenant enables some of them in {@code notificationChannels}. */
public enum NotificationChannel {
    EMAIL,
    SMS
}
