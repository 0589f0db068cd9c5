/**
 * A tenant's healthcare settings: its clinics (opening hours, slot length, capacity), the systems of record
 * appointments are synced to, the reminder lead time and the notification channels, with the rules across fields.
 */
package dev.conveyor.plugin.healthcare.settings;
