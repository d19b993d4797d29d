/** A review's trace across the services, carried in the Kafka records' headers. */
package dev.byok.configstore.tracing;
