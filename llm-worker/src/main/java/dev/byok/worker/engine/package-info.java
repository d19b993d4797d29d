/**
 * The worker's engine: one poll loop that never waits for a permit, per-(org, slot) lanes served
 * round-robin, partition pause and resume for lanes with a backlog, and transactions that publish
 * each review's result together with the offsets that say it is done. Reviews of a partition finish
 * out of order; {@link dev.byok.worker.engine.PartitionProgress} keeps the committed offset honest
 * and remembers, in the offset's metadata, which later reviews are already done, so that a restart
 * neither loses nor repeats an outcome.
 */
package dev.byok.worker.engine;
