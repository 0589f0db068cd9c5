/**
 * The runnable distribution: {@link dev.conveyor.deploy.ConveyorLauncher} behind {@code ./conveyor} (serve, demo),
 * the local runtime (embedded Postgres, Azurite) and the demo's traffic generator and summary.
 */
package dev.conveyor.deploy;
