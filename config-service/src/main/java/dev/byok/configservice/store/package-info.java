/** Publishing configs to the compacted topic, and the beans that read it back. */
package dev.byok.configservice.store;
