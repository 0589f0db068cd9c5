/** Postgres access shared by the engine: connection pool, migrations, JPA, tenant-scoped transactions. */
package dev.conveyor.engine.database;
