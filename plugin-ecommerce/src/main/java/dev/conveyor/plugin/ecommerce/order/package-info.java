/**
 * Orders: the {@code ecommerce.order.v1} message a client submits with its rules, the order as recorded with its
 * status and repository, and the delivery calendar that dates it.
 */
package dev.conveyor.plugin.ecommerce.order;
