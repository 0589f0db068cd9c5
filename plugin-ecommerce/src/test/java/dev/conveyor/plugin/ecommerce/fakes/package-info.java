/**
 * Test doubles of the plugin's repositories over plain collections, keeping each statement's condition, and a shop
 * that hands them to handlers, views and actions through the testkit's contexts.
 */
package dev.conveyor.plugin.ecommerce.fakes;
