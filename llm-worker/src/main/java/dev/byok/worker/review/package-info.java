/**
 * One review on one slot: read it, find the slot's config, decrypt the key in memory, call the
 * provider, and decide from the attempt what to publish: the outcome, or the review again on the
 * fallback topic. The decisions ({@link dev.byok.worker.review.OutcomePolicy},
 * {@link dev.byok.worker.review.ReviewDecision}) are pure.
 */
package dev.byok.worker.review;
