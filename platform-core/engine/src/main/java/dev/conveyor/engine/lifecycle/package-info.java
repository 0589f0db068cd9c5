/**
 * What an operator does to a tenant (create, update, suspend, resume, delete), stored first and then applied to the
 * tenants this process runs.
 */
package dev.conveyor.engine.lifecycle;
