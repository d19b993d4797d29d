/** Bearer-token authentication (HS256 secret or JWKS) and the rule of who may manage which org. */
package dev.byok.configservice.security;
