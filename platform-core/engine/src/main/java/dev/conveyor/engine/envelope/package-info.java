/** The one envelope codec: CloudEvents 1.0 JSON on the wire, plus bare and base64-wrapped JSON on entry queues. */
package dev.conveyor.engine.envelope;
