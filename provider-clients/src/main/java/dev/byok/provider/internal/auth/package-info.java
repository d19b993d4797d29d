/**
 * Turning a stored credential into what a call sends: a Vertex service-account key into an access
 * token (Google's library, our transport), AWS access keys into a SigV4 signature (the AWS SDK's
 * signer). Nothing here logs a credential, a token or a signature.
 */
package dev.byok.provider.internal.auth;
