/**
 * Orders: the {@code ecommerce.order.v1} message a client submits, its structural rules, the order as recorded
 * with its status, and the delivery calendar that dates it.
 */
package dev.conveyor.plugin.ecommerce.order;
