/**
 * The HealthCare Solutions plugin: appointment requests are assigned a clinic and slot without overbooking,
 * synced to the tenant's systems of record, and the patient is notified and reminded.
 * {@link dev.conveyor.plugin.healthcare.HealthcarePlugin} is what the engine loads.
 */
package dev.conveyor.plugin.healthcare;
