/**
 * Dispatch: turns a submitted order into a dispatched one (hub, pickup and delivery dates) or a rejected one,
 * and announces it with {@code logistics.dispatch.v1}.
 */
package dev.conveyor.plugin.logistics.dispatch;
