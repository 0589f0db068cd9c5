/** GET endpoints over the plugins' read models (an order by id, a shipment by tracking number). */
package dev.conveyor.server.view;
