/** Shared machinery of the provider clients: the HTTP transport and the failure classification table. */
package dev.byok.provider.internal;
