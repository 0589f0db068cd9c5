/** API-key authentication and the rule that a tenant's key reaches only its own tenant. */
package dev.conveyor.server.security;
