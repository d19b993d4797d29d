package dev.byok.provider;

import dev.byok.model.ChatMessage;
import dev.byok.model.SlotSettings;
import java.time.Duration;
import java.util.List;

/**
 * One call to make: the slot's settings, its decrypted key (held only for this call), the review's
 * messages, and the call's deadline: the longest the whole call may take, connecting, the response
 * headers and the body included.
 */
public record ProviderRequest(SlotSettings settings, String apiKey, List<ChatMessage> messages, Duration timeout) {

    @Override
    public String toString() {
        return "ProviderRequest[provider=" + settings.provider() + ", model=" + settings.model() + ", messages="
                + messages.size() + ", timeout=" + timeout + ", apiKey=<redacted>]";
    }
}
