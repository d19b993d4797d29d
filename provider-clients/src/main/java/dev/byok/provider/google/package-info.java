/** The Google Gemini generateContent wire format (Gemini API keys, v1beta). */
package dev.byok.provider.google;
