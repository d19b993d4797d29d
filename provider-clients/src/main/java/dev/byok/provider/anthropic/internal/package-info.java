/** Request mapping, answer reading and error-body quirks of the Anthropic Messages API. */
package dev.byok.provider.anthropic.internal;
