/**
 * A tenant's settings for E-Commerce Express, declared as data for the admin API (warehouses in order of
 * preference, carrier, tracking link, backorder policy), checked across properties, and read by the handlers.
 */
package dev.conveyor.plugin.ecommerce.settings;
