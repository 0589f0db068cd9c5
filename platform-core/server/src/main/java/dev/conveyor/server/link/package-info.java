/** The signed links the platform puts in front of customers (tracking pages, unsubscribe), and where they point. */
package dev.conveyor.server.link;
