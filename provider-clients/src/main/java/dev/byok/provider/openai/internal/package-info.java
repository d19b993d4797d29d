/** Request mapping, answer reading and error-body quirks of the Responses API and of chat completions. */
package dev.byok.provider.openai.internal;
