/**
 * A tenant's HTTP resources as its plugin declares them (ingest routes, actions, views) and who may call them,
 * answered from the running tenant.
 */
package dev.conveyor.engine.routing;
