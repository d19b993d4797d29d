/**
 * The OpenAI wire formats: the Responses API (provider {@code openai}) and chat completions, which
 * OpenRouter, Novita and every {@code openai_compatible} endpoint (Z.ai GLM, Kimi, vLLM, ...) speak.
 */
package dev.byok.provider.openai;
