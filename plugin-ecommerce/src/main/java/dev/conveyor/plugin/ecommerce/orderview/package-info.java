/**
 * The {@code orders} view: an order with where each line is reserved, its parcels and how many notifications its
 * customer got, read from the features that own them.
 */
package dev.conveyor.plugin.ecommerce.orderview;
