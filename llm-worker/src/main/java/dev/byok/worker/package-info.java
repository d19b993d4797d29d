/**
 * llm-worker: serves the reviews of every tenant topic on each org's own model and key, within the
 * org's concurrency cap across all workers, falls back when main cannot serve, and publishes one
 * outcome per review.
 */
package dev.byok.worker;
