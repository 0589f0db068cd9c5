/**
 * Tenants as this process runs them: each one's settings bound and handlers built once per version
 * ({@link dev.conveyor.engine.runtime.TenantInstance}) and its stage consumers ({@link dev.conveyor.engine.runtime.TenantRuntime}).
 */
package dev.conveyor.engine.runtime;
