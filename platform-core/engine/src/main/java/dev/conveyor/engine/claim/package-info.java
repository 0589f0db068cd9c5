/** The claim check: payloads too large for a queue message wait in blob storage; the message carries a reference. */
package dev.conveyor.engine.claim;
