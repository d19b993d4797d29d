/**
 * Distributed permits: at most maxConcurrentRequests calls in flight per (org, slot) across every
 * worker instance, held as leases in Redis so a crashed worker's permits come back on their own.
 */
package dev.byok.worker.permits;
