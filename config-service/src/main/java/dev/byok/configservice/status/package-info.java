/**
 * The live state of an org's slots, read from Redis where the workers keep it: permits held,
 * cooldowns, and what each worker reports of its breakers, paused lanes and failures.
 */
package dev.byok.configservice.status;
