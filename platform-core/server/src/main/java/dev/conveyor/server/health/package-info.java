/** Health: whether Postgres and the queue service answer, so operators and orchestrators see a degraded process. */
package dev.conveyor.server.health;
