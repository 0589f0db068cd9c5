/**
 * The E-Commerce Express plugin: orders reserve stock in the tenant's warehouses, ship in one parcel per warehouse
 * under UPU S10 tracking numbers with PDF labels, and the customer is told at every step.
 * {@link dev.conveyor.plugin.ecommerce.EcommercePlugin} is what the engine loads.
 */
package dev.conveyor.plugin.ecommerce;
