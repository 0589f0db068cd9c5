/**
 * A tenant's settings for E-Commerce Express as a record (warehouses in order of preference, carrier, tracking link,
 * backorder policy): the platform derives the admin API's settings from it and validates them; the handlers read it.
 */
package dev.conveyor.plugin.ecommerce.settings;
