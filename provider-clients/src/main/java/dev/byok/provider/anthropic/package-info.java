/** The Anthropic Messages wire format. */
package dev.byok.provider.anthropic;
