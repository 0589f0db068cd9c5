/** Transactional outbox: messages written with the handler's effects, sent after commit, swept when left unsent. */
package dev.conveyor.engine.outbox;
