/** The operations console: server-rendered pages (Thymeleaf, htmx) over the same engine services and access rules as the API. */
package dev.conveyor.server.console;
