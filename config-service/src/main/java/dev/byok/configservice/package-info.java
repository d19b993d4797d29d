/**
 * config-service: the REST API through which orgs manage their BYOK slots. It validates, encrypts
 * the key, and publishes the org's whole config to the compacted config topic; it answers reads
 * from its view of that topic, caught up with the log first, so every instance reads its own and
 * every other instance's writes.
 */
package dev.byok.configservice;
