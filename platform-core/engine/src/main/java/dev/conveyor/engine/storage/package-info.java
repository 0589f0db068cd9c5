/** How the engine reaches a storage account: by connection string, or by Microsoft Entra ID (endpoint + identity),
 * and which endpoints and identities a tenant may name, so that no tenant can aim the platform's identity elsewhere. */
package dev.conveyor.engine.storage;
