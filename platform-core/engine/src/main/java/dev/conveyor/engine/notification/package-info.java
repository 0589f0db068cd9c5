/** Notifications plugins ask for, recorded with the handler's effects and delivered per channel after commit. */
package dev.conveyor.engine.notification;
