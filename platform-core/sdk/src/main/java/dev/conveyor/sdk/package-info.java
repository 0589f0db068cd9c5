/**
 * The plugin SPI of Conveyor: what an industry plugin implements ({@link dev.conveyor.sdk.DomainPlugin},
 * {@link dev.conveyor.sdk.Handler}) and what the engine hands it ({@link dev.conveyor.sdk.HandlerContext},
 * {@link dev.conveyor.sdk.RequestContext}). Free of the Spring container and of Azure types, so that plugins stay
 * portable and the engine can change underneath them.
 */
package dev.conveyor.sdk;
