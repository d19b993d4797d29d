/** Azure OpenAI's wire format: the OpenAI Responses and chat bodies on a resource's v1 API. */
package dev.byok.provider.azure.internal;
