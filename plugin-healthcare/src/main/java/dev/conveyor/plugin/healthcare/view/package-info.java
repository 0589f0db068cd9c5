/**
 * The read models the API serves: an appointment with its sync status and notifications, and what became of a
 * request. The only way patient data leaves the database; every query is scoped to the tenant.
 */
package dev.conveyor.plugin.healthcare.view;
