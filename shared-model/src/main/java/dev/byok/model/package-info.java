/**
 * The v1 public contract of byok-review (CONTRACTS.md): the records that travel over Kafka and the
 * REST API, the topic names, and one JSON mapping for all of them. Records only, no behaviour beyond
 * validation of their own invariants, so every service reads the same bytes the same way.
 */
package dev.byok.model;
