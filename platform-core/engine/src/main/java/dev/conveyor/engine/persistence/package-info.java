/**
 * What plugins' persistence gets from the platform: the transaction bound to the running thread, Spring Data
 * repositories created for it (no Spring container), and the tenant filled into {@code TenantScoped} entities.
 */
package dev.conveyor.engine.persistence;
