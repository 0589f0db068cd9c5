/** The admin API for API keys: create (the secret shown once), list, revoke; per tenant and for the platform. */
package dev.conveyor.server.apikey;
