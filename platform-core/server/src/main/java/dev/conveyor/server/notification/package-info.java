/** Notifications over HTTP: deliveries per subject and recipient, settings, templates with preview, preferences. */
package dev.conveyor.server.notification;
