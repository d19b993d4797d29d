/** The OpenAI chat-completions wire format, spoken by openai_compatible endpoints, OpenRouter and Novita. */
package dev.byok.provider.openai;
