/**
 * The {@code byok} command-line tool. Every command reads its settings from flags or the
 * environment ({@code BYOK_URL}, {@code BYOK_TOKEN}, {@code BYOK_JWT_SECRET},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code BYOK_KAFKA_CONFIG}); a problem is one line on stderr and a
 * non-zero exit, never a stack trace.
 */
package dev.byok.cli;
