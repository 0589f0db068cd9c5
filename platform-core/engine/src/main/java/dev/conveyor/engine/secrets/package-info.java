/**
 * Secrets at rest: AES-256-GCM with keys from the environment (newest encrypts, any configured one decrypts), and
 * files only their owner may read for the keys the platform generates itself.
 */
package dev.conveyor.engine.secrets;
