/** Live streams over HTTP (Server-Sent Events) and the public tracking and appointment pages behind signed links. */
package dev.conveyor.server.stream;
