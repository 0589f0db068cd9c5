/** Storage settings of the server: the platform's account by connection string or by endpoint and Microsoft Entra ID,
 * what tenants may name for accounts of their own, and how a tenant request names its account. */
package dev.conveyor.server.storage;
