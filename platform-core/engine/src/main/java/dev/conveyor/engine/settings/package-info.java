/**
 * Tenant settings: each plugin's settings record, its property list derived for the API, and the binding of a
 * tenant's stored settings (a JSON object) into that record, with defaults, compatibility forms and validation.
 */
package dev.conveyor.engine.settings;
