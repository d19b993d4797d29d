/** Request mapping, answer reading and error-body quirks of Gemini generateContent. */
package dev.byok.provider.google.internal;
