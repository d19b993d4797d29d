/** Request translation and response reading for chat completions. */
package dev.byok.provider.openai.internal;
