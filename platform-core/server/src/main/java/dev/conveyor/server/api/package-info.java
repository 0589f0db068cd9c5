/** What every endpoint shares: RFC 9457 problem details for every error. */
package dev.conveyor.server.api;
