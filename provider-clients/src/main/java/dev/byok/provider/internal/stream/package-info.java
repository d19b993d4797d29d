/**
 * Streamed answers: a bounded, incremental reader of server-sent events and one assembler per
 * provider event format that builds text, usage and finish reason as the events arrive. A stream
 * that ends without its format's final event is {@code TRUNCATED}, never a success.
 */
package dev.byok.provider.internal.stream;
