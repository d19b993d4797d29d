package dev.byok.configservice.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.configservice.catalog.Catalog;
import dev.byok.model.CloudSettings;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotConfig;
import dev.byok.model.ThinkingLevel;
import dev.byok.provider.EgressGuard;
import org.junit.jupiter.api.Test;

/** Saving Azure OpenAI, Vertex AI and Bedrock slots: cloud settings, endpoint shapes, credential shapes. */
class CloudSlotValidationTest {

    private static final String SERVICE_ACCOUNT = """
            {
              "type": "service_account",
              "project_id": "acme-reviews",
              "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEv...\\n-----END PRIVATE KEY-----\\n",
              "client_email": "byok@acme-reviews.iam.gserviceaccount.com",
              "token_uri": "https://oauth2.googleapis.com/token"
            }
            """;

    private final SlotValidator validator = new SlotValidator(EgressGuard.fromAllowList("127.0.0.1"),
            Catalog.fromClasspath());

    @Test
    void anAzureSlotCallsItsResourcesV1Api() {
        ValidatedSlot slot = validator.validate(slot(ProviderId.AZURE_OPENAI, "gpt-5.4", null, "azure-key-0123456789",
                new CloudSettings("contoso-review", null, null, null, null, null, null)));

        assertThat(slot.settings().effectiveBaseUrl()).isEqualTo("https://contoso-review.openai.azure.com/openai");
        assertThat(slot.settings().cloud().resourceName()).isEqualTo("contoso-review");
    }

    @Test
    void aCloudSlotWithoutItsCloudSettingsNamesWhatIsMissing() {
        assertThatThrownBy(() -> validator.validate(slot(ProviderId.AMAZON_BEDROCK, "amazon.nova-pro-v1:0", null, "k",
                null))).isInstanceOfSatisfying(InvalidSlotException.class, e -> assertThat(e.errors())
                .containsExactly(new FieldError("cloud", "is required for provider amazon_bedrock (region, auth)")));
        assertThatThrownBy(() -> validator.validate(slot(ProviderId.GOOGLE_VERTEX, "gemini-3.1-pro-preview", null,
                SERVICE_ACCOUNT, new CloudSettings(null, null, null, "Acme Reviews!", "mars", null, null))))
                .isInstanceOfSatisfying(InvalidSlotException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("cloud.project", "cloud.location"));
    }

    @Test
    void aBaseUrlOfACloudSlotMustBeOneOfThatCloudsRegionalEndpoints() {
        CloudSettings bedrock = new CloudSettings(null, null, null, null, null, "eu-west-1", null);
        assertThat(validator.validate(slot(ProviderId.AMAZON_BEDROCK, "amazon.nova-pro-v1:0",
                "https://bedrock-runtime.eu-west-1.amazonaws.com", "bedrock-api-key-0001", bedrock))
                .settings().effectiveBaseUrl()).isEqualTo("https://bedrock-runtime.eu-west-1.amazonaws.com");

        assertThatThrownBy(() -> validator.validate(slot(ProviderId.AMAZON_BEDROCK, "amazon.nova-pro-v1:0",
                "https://bedrock-runtime.eu-west-1.amazonaws.com.attacker.example", "k", bedrock)))
                .isInstanceOfSatisfying(InvalidSlotException.class, e -> assertThat(e.errors().getFirst().message())
                        .contains("bedrock-runtime.{region}.amazonaws.com"));
        assertThatThrownBy(() -> validator.validate(slot(ProviderId.GOOGLE_VERTEX, "gemini-3.1-pro-preview",
                "https://evil-aiplatform.example.com/v1", SERVICE_ACCOUNT,
                new CloudSettings(null, null, null, "acme-reviews", "us-central1", null, null))))
                .isInstanceOf(InvalidSlotException.class);
    }

    @Test
    void aServiceAccountKeyIsStoredWholeButCompactAndShownByItsAccountOnly() {
        ValidatedSlot slot = validator.validate(slot(ProviderId.GOOGLE_VERTEX, "gemini-3.1-pro-preview", null,
                SERVICE_ACCOUNT, new CloudSettings(null, null, null, "acme-reviews", "europe-west4", null, null)));

        assertThat(slot.settings().effectiveBaseUrl()).isEqualTo("https://europe-west4-aiplatform.googleapis.com"
                + "/v1beta1/projects/acme-reviews/locations/europe-west4/publishers/google");
        assertThat(slot.apiKey()).startsWith("{\"type\":\"service_account\"").contains("BEGIN PRIVATE KEY")
                .doesNotContain("\n  ");
        assertThat(KeyHints.of(slot.apiKey())).isEqualTo("service account byok@acme-reviews.iam.gserviceaccount.com")
                .doesNotContain("PRIVATE");
    }

    @Test
    void aCredentialOfTheWrongShapeIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> validator.validate(slot(ProviderId.GOOGLE_VERTEX, "gemini-3.1-pro-preview", null,
                "AIzaSyNotAServiceAccountKey", new CloudSettings(null, null, null, "acme-reviews", "us-central1",
                        null, null)))).isInstanceOfSatisfying(InvalidSlotException.class, e -> {
                            assertThat(e.errors().getFirst().field()).isEqualTo("apiKey");
                            assertThat(e.errors().getFirst().message()).contains("service-account key file")
                                    .doesNotContain("AIzaSy");
                        });
        assertThatThrownBy(() -> validator.validate(slot(ProviderId.AMAZON_BEDROCK, "amazon.nova-pro-v1:0", null,
                "{\"accessKeyId\":\"AKIAEXAMPLE0000\"}", new CloudSettings(null, null, null, null, null, "us-east-1",
                        "access-key")))).isInstanceOfSatisfying(InvalidSlotException.class, e -> assertThat(e.errors())
                .containsExactly(new FieldError("apiKey", "has no secretAccessKey")));
    }

    @Test
    void cloudSettingsOnAnotherProviderAreRefused() {
        assertThatThrownBy(() -> validator.validate(slot(ProviderId.OPENAI, "gpt-5.4", null, "sk-abcdefghijklmnop",
                new CloudSettings("contoso", null, null, null, null, null, null))))
                .isInstanceOfSatisfying(InvalidSlotException.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("cloud"));
    }

    private static SlotConfig slot(ProviderId provider, String model, String baseUrl, String key, CloudSettings cloud) {
        return new SlotConfig(provider, model, baseUrl, null, key, null, null, ThinkingLevel.OFF, null, null, null,
                cloud);
    }
}
