/**
 * How a service connects to Redis from {@code REDIS_URL}: the workers for their permits, config-service to read
 * the live state of an org's slots. Redisson is an optional dependency: a service that uses this brings it.
 */
package dev.byok.configstore.redis;
