/**
 * Fulfillment: records each order once, reserves its stock (all lines or none) or turns it down or backorders it,
 * and announces a reserved order with {@code ecommerce.fulfillment.v1} and the customer's confirmation.
 */
package dev.conveyor.plugin.ecommerce.fulfillment;
