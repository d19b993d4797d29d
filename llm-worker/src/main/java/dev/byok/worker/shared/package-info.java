/**
 * What every worker must know about an org's slot, kept in Redis so one worker's discovery is
 * every worker's knowledge: that main is cooling down after a rate limit, and which calls were
 * already started (so a call repeated after a crash is counted).
 */
package dev.byok.worker.shared;
