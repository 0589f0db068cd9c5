/** API keys: issued once, stored as hashes, scoped to the platform or to one tenant. */
package dev.conveyor.engine.apikey;
