/** Reading a tenant's dead letters over the API. */
package dev.conveyor.server.deadletter;
