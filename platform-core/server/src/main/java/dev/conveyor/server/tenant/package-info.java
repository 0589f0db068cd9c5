/** The admin API for tenants: create, read, list, update, suspend, resume, delete. */
package dev.conveyor.server.tenant;
