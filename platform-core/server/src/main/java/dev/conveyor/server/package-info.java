/** The Spring Boot application around the engine: configuration, the REST API, health. Knows no plugin. */
package dev.conveyor.server;
