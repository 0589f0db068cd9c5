/** The claim check: payloads too large for a queue message wait in blob storage; the message carries a reference bound to it. */
package dev.conveyor.engine.claim;
