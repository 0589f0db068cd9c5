/**
 * Orders: the {@code logistics.order.v1} message a client submits, its structural rules, the order as
 * recorded, and the {@code orders} view.
 */
package dev.conveyor.plugin.logistics.order;
