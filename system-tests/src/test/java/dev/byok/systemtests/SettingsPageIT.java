package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.JwtTokens;
import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.model.Json;
import dev.byok.simulator.Fault;
import dev.byok.simulator.KeyBehaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The BYOK settings page (config-service, {@code /byok/}) in a real headless Chromium, against the
 * running config-service and the provider simulator: what a user does on the page, checked on the
 * page and through the REST API the page uses.
 *
 * <p>The recommended models' endpoints are the real providers', which this machine cannot reach,
 * so each card is pointed at the simulator through its "Use a different endpoint" field, as a user
 * behind a proxy or gateway would do; the card's plan still sets the concurrency cap.
 */
class SettingsPageIT {

    /** Set to a path to also save the README's screenshot of the page (catalog and a saved main). */
    private static final String README_SCREENSHOT = System.getProperty("settingsPage.screenshot");

    @RegisterExtension
    final Browser browser = new Browser();

    private static Stack stack;
    private static TestOrgs orgs;
    private static ServiceProcess defaultInstance;
    private static String defaultInstanceSecret;

    @BeforeAll
    static void start() {
        stack = SystemUnderTest.stack();
        orgs = new TestOrgs(stack);
    }

    @AfterAll
    static void stopTheDefaultInstance() {
        if (defaultInstance != null) {
            defaultInstance.close();
        }
    }

    @Test
    void showsTheLastThirtyDaysOfTokensAndSetsABudgetNamingABadLimit() {
        String org = Slots.newOrgId("page-spend");
        orgs.save(org, "main", orgs.key(dev.byok.simulator.KeyBehaviour.ok()), 2);
        dev.byok.localstack.ReviewTraffic traffic = SystemUnderTest.traffic();
        for (String id : orgs.sendAll(traffic, org, 3)) {
            traffic.await(id, java.time.Duration.ofSeconds(60));
        }
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> orgs.admin()
                .send("GET", "/api/v1/orgs/" + org + "/byok/usage", null, null).body().contains("\"reviews\":3"));

        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));
        assertThat(browser.awaitText("spend-total", "tokens")).contains("Last 30 days", "about $");
        assertThat(((Number) browser.script("return document.querySelectorAll('#spend-chart rect[data-slot=main]').length"))
                .intValue()).as("today's bar").isEqualTo(1);

        browser.type("budget-tokensPerDay", "0");
        browser.click("budget-save");
        assertThat(browser.awaitText("spend-status", "tokensPerDay")).contains("at least 1");
        browser.type("budget-tokensPerDay", "50000");
        browser.type("budget-costPerMonthUsd", "12.5");
        browser.click("budget-save");
        browser.awaitText("spend-status", "Budget saved");
        assertThat(orgs.admin().send("GET", "/api/v1/orgs/" + org + "/byok/budget", null, null).body())
                .contains("\"tokensPerDay\":50000", "\"costPerMonthUsd\":12.5", "\"onExceeded\":\"fail\"");
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void connectsARecommendedModelRefusingABadKeyThenSavingAGoodOne() {
        String org = Slots.newOrgId("page-connect");
        String badKey = unknownKey();
        String goodKey = orgs.key(KeyBehaviour.ok().withModels("glm-5.1", "kimi-k2.6"));
        // openSignedIn opens exactly the URL `./run-local serve` prints (LocalRun.settingsPageUrl): signed in at once.
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));

        assertThat(browser.byId("signin").isDisplayed()).as("no sign-in form").isFalse();
        assertThat(browser.byId("org-label").getText()).isEqualTo("for org " + org);
        assertThat(browser.driver().getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
        assertThat(browser.byId("main-empty").getText()).contains("No main model saved yet");
        assertThat(browser.byId("fallback-section").isDisplayed()).isFalse();
        assertThat(browser.byId("main-catalog").findElements(By.cssSelector("li.card"))).hasSize(8);
        assertThat(browser.unlabelledControls()).isEmpty();
        assertThat(browser.byId("main-card-claude-sonnet-4-6").getText())
                .contains("Claude Sonnet 4.6", "Anthropic", "everyday reviews", "Context window: 200K tokens");

        // The keyboard opens the card, and lands in its one key field.
        WebElement toggle = browser.byId("main-card-glm-5-1-toggle");
        toggle.sendKeys(Keys.ENTER);
        browser.until(d -> "true".equals(toggle.getDomAttribute("aria-expanded")));
        browser.until(d -> "main-card-glm-5-1-key".equals(d.switchTo().activeElement().getDomAttribute("id")));
        assertThat(browser.script("return getComputedStyle(document.activeElement).outlineStyle"))
                .as("focus is visible").isEqualTo("solid");
        assertThat(browser.byId("main-card-glm-5-1-panel").findElements(By.cssSelector("input[type=password]")))
                .hasSize(1);
        // The plan selector shows the endpoint and the cap each plan brings.
        assertThat(browser.byId("main-card-glm-5-1-endpoint-shown").getText()).isEqualTo("https://api.z.ai/api/paas/v4/");
        browser.click("main-card-glm-5-1-plan-glm-5-1-coding-plan");
        assertThat(browser.byId("main-card-glm-5-1-endpoint-shown").getText())
                .isEqualTo("https://api.z.ai/api/coding/paas/v4");
        assertThat(browser.byId("main-card-glm-5-1-cap-shown").getText()).isEqualTo("1 request at a time");
        browser.click("main-card-glm-5-1-endpoint-toggle");
        browser.type("main-card-glm-5-1-endpoint", stack.simulatorBaseUrl());

        browser.type("main-card-glm-5-1-key", badKey);
        browser.click("main-card-glm-5-1-save");

        String refused = browser.awaitText("main-card-glm-5-1-result", "Nothing was saved");
        assertThat(refused).contains("Invalid key");
        assertThat(api(org).path("main").isNull()).isTrue();
        assertThat(browser.byId("main-empty").isDisplayed()).isTrue();

        browser.type("main-card-glm-5-1-key", goodKey);
        browser.click("main-card-glm-5-1-test");
        assertThat(browser.awaitText("main-card-glm-5-1-result", "Connected"))
                .contains("The model \"glm-5.1\" is available.");
        browser.click("main-card-glm-5-1-save");

        String saved = browser.awaitText("main-status", "Saved the main model");
        assertThat(saved).contains("glm-5.1", hintOf(goodKey));
        assertThat(browser.visible("main-saved").getText()).contains("OpenAI-compatible API", "glm-5.1",
                hintOf(goodKey), "1 request at a time", stack.simulatorBaseUrl(), "GLM Coding Plan");
        JsonNode main = api(org).path("main");
        assertThat(main.path("model").asString()).isEqualTo("glm-5.1");
        assertThat(main.path("plan").asString()).isEqualTo("glm-5.1-coding-plan");
        assertThat(main.path("maxConcurrentRequests").asInt()).isEqualTo(1);
        assertThat(main.path("effectiveBaseUrl").asString()).isEqualTo(stack.simulatorBaseUrl());
        assertThat(main.path("keyHint").asString()).isEqualTo(hintOf(goodKey));
        // Once main is saved, the fallback section offers the same catalog.
        assertThat(browser.visible("fallback-section").getText()).contains("Pick a different provider than main");
        assertThat(browser.byId("fallback-catalog").findElements(By.cssSelector("li.card"))).hasSize(8);
        // Nothing typed comes back: no key in the page, its fields, its storage or its address.
        assertThat(browser.everythingTheBrowserHolds()).doesNotContain(goodKey, badKey);
    }

    @Test
    void aTestSaysInWordsWhatIsWrongWithTheEndpointOrTheKey() throws IOException {
        String org = Slots.newOrgId("page-words");
        String otherModels = orgs.key(KeyBehaviour.ok().withModels("glm-4.7", "glm-4.5-air"));
        String throttled = orgs.key(KeyBehaviour.ok().withModels("glm-5.1")
                .failingMetadataCalls(Fault.rateLimited(Duration.ofSeconds(30))));
        String noApiHere = orgs.key(KeyBehaviour.ok().failingMetadataCalls(Fault.httpError(404, "Not Found")));
        String good = orgs.key(KeyBehaviour.ok().withModels("glm-5.1"));
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));
        browser.click("main-card-glm-5-1-toggle");
        browser.click("main-card-glm-5-1-endpoint-toggle");
        browser.type("main-card-glm-5-1-endpoint", stack.simulatorBaseUrl());
        assertThat(browser.unlabelledControls()).isEmpty();

        browser.type("main-card-glm-5-1-key", otherModels);
        browser.click("main-card-glm-5-1-test");
        assertThat(browser.awaitText("main-card-glm-5-1-result", "Model not listed"))
                .contains("the provider does not list \"glm-5.1\" for this key. Check the model id.",
                        "It lists: glm-4.7, glm-4.5-air.");
        assertThat(browser.byId("main-card-glm-5-1-result").getDomAttribute("class")).contains("warn");

        browser.type("main-card-glm-5-1-key", noApiHere);
        browser.click("main-card-glm-5-1-test");
        assertThat(browser.awaitText("main-card-glm-5-1-result", "Endpoint not found"))
                .contains("the provider has no API at this address. Check the endpoint (base URL).",
                        "Nothing answers at /v1/models (HTTP 404)");
        assertThat(browser.byId("main-card-glm-5-1-result").getDomAttribute("class")).contains("bad");

        browser.type("main-card-glm-5-1-endpoint", "http://127.0.0.1:" + refusedPort() + "/v1");
        browser.type("main-card-glm-5-1-key", good);
        browser.click("main-card-glm-5-1-test");
        assertThat(browser.awaitText("main-card-glm-5-1-result", "Network problem"))
                .contains("the endpoint could not be reached", "Check the address, and that the server can reach it.");

        browser.type("main-card-glm-5-1-endpoint", stack.simulatorBaseUrl());
        browser.type("main-card-glm-5-1-key", throttled);
        browser.click("main-card-glm-5-1-test");
        assertThat(browser.awaitText("main-card-glm-5-1-result", "Rate limited, but the key is valid"))
                .contains("You can save it; reviews wait for the limit.", "HTTP 429");
        assertThat(api(org).path("main").isNull()).as("a test saves nothing").isTrue();
        // ... and the page's word holds: Test & save saves a throttled key.
        browser.click("main-card-glm-5-1-save");
        assertThat(browser.awaitText("main-status", "Saved the main model")).contains(hintOf(throttled));
        assertThat(api(org).path("main").path("keyHint").asString()).isEqualTo(hintOf(throttled));
        assertThat(browser.everythingTheBrowserHolds()).doesNotContain(otherModels, throttled, noApiHere, good);
    }

    @Test
    void addsAFallbackFromTheCatalog() {
        String org = Slots.newOrgId("page-fallback");
        saveMain(org, orgs.key(KeyBehaviour.ok().withModels("glm-5.1")));
        String fallbackKey = orgs.key(KeyBehaviour.ok().withModels("kimi-k2.6"));
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));

        assertThat(browser.visible("main-saved").getText()).contains("glm-5.1");
        assertThat(browser.visible("fallback-lead").getText())
                .contains("Pick a different provider than main (OpenAI-compatible API)");
        assertThat(browser.byId("fallback-card-glm-5-1").getText()).contains("Same provider as main");
        assertThat(browser.byId("fallback-card-kimi-k2-6").getText()).doesNotContain("Same provider as main");

        // A click anywhere on the card opens it.
        browser.byId("fallback-card-kimi-k2-6").findElement(By.cssSelector(".card-desc")).click();
        browser.visible("fallback-card-kimi-k2-6-panel");
        browser.click("fallback-card-kimi-k2-6-plan-kimi-k2-6-code-plan");
        assertThat(browser.byId("fallback-card-kimi-k2-6-endpoint-shown").getText())
                .isEqualTo("https://api.kimi.com/coding/v1");
        assertThat(browser.byId("fallback-card-kimi-k2-6-cap-shown").getText()).isEqualTo("30 requests at a time");
        if (README_SCREENSHOT != null) {
            browser.screenshotOfWholePage(Path.of(README_SCREENSHOT), 1280);
        }
        browser.click("fallback-card-kimi-k2-6-endpoint-toggle");
        browser.type("fallback-card-kimi-k2-6-endpoint", stack.simulatorBaseUrl());
        browser.type("fallback-card-kimi-k2-6-key", fallbackKey);
        browser.click("fallback-card-kimi-k2-6-save");

        assertThat(browser.awaitText("fallback-status", "Saved the fallback model")).contains("kimi-k2.6");
        assertThat(browser.visible("fallback-saved").getText()).contains("kimi-k2.6", hintOf(fallbackKey),
                "30 requests at a time", "Kimi Code Plan");
        JsonNode view = api(org);
        assertThat(view.path("fallback").path("model").asString()).isEqualTo("kimi-k2.6");
        assertThat(view.path("fallback").path("plan").asString()).isEqualTo("kimi-k2.6-code-plan");
        assertThat(view.path("fallback").path("maxConcurrentRequests").asInt()).isEqualTo(30);
        assertThat(view.path("main").path("model").asString()).isEqualTo("glm-5.1");
        assertThat(browser.everythingTheBrowserHolds()).doesNotContain(fallbackKey);
    }

    @Test
    void savesGeminiOnVertexFromItsCardWithAServiceAccountKey() {
        String org = Slots.newOrgId("page-vertex");
        String account = org.toLowerCase() + "@acme-reviews.iam.gserviceaccount.com";
        String key = dev.byok.localstack.conformance.ServiceAccountKeys.json(account, "acme-reviews",
                stack.simulator().rootUrl() + "/token");
        TestOrgs.KEYS_USED.addAll(dev.byok.localstack.conformance.ServiceAccountKeys.secretParts(key));
        stack.simulator().program(account, KeyBehaviour.ok().withModels("gemini-3.1-pro-preview"));
        String card = "main-card-gemini-3-1-pro-preview-vertex";
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));

        browser.click(card + "-toggle");
        browser.visible(card + "-serviceAccountKey");
        assertThat(browser.byId(card + "-endpoint-shown").getText()).contains("project and location");
        browser.type(card + "-cloud.project", "acme-reviews");
        browser.type(card + "-cloud.location", "us-central1");
        browser.click(card + "-endpoint-toggle");
        browser.type(card + "-endpoint", stack.simulator().rootUrl()
                + "/v1beta1/projects/acme-reviews/locations/us-central1/publishers/google");
        browser.type(card + "-key", key);
        browser.click(card + "-save");

        String saved = browser.awaitText("main-status", "Saved the main model");
        assertThat(saved).contains("gemini-3.1-pro-preview", "service account " + account);
        JsonNode main = api(org).path("main");
        assertThat(main.path("provider").asString()).isEqualTo("google_vertex");
        assertThat(main.path("cloud").path("project").asString()).isEqualTo("acme-reviews");
        assertThat(main.path("keyHint").asString()).isEqualTo("service account " + account);
        assertThat(browser.everythingTheBrowserHolds())
                .doesNotContain(dev.byok.localstack.conformance.ServiceAccountKeys.secretParts(key).getLast());
    }

    @Test
    void configuresAnOpenAiCompatibleModelByHandWithCustomOptions() {
        String org = Slots.newOrgId("page-manual");
        String key = orgs.key(KeyBehaviour.ok().withModels("qwen3-coder", "deepseek-v3"));
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));

        browser.click("main-configure-manually");
        browser.visible("main-manual");
        Select provider = new Select(browser.byId("main-manual-provider"));
        assertThat(provider.getOptions()).hasSize(9);
        // A cloud provider asks where its model lives; Vertex takes its service-account key as a file.
        provider.selectByVisibleText("Google Vertex AI");
        browser.visible("main-manual-step-cloud");
        browser.visible("main-manual-cloud.project");
        browser.visible("main-manual-serviceAccountKey");
        provider.selectByVisibleText("Anthropic");
        browser.awaitHidden("main-manual-step-cloud");
        browser.awaitHidden("main-manual-step-base-url");
        provider.selectByVisibleText("OpenAI-compatible API");
        browser.type("main-manual-baseUrl", stack.simulatorBaseUrl());
        assertThat(browser.byId("main-manual-model").isDisplayed()).as("free text before a test").isTrue();
        browser.type("main-manual-apiKey", key);
        browser.click("main-manual-test");
        browser.awaitText("main-manual-test-result", "Connected");
        // The test could list the models: the model field is a dropdown now.
        browser.visible("main-manual-model-select");
        assertThat(browser.options("main-manual-model-select")).contains("qwen3-coder", "deepseek-v3");
        new Select(browser.byId("main-manual-model-select")).selectByValue("deepseek-v3");

        browser.click("main-manual-advanced-toggle");
        browser.type("main-manual-maxTokens", "4000");
        browser.type("main-manual-maxConcurrentRequests", "3");
        browser.click("main-manual-thinking-custom-label");
        assertThat(browser.unlabelledControls()).as("every field has a label, every button a name").isEmpty();
        browser.type("main-manual-customOptions", "{\"thinking\": {\"type\": \"enabled\"},");

        // Invalid JSON is refused inline, and nothing is sent.
        assertThat(browser.awaitText("main-manual-customOptions-status", "Not valid JSON")).isNotBlank();
        assertThat(browser.byId("main-manual-customOptions").getDomAttribute("aria-invalid")).isEqualTo("true");
        browser.click("main-manual-save");
        assertThat(browser.awaitText("main-manual-result", "Nothing was saved")).contains("not valid JSON");
        assertThat(api(org).path("main").isNull()).isTrue();

        // The server's dry validation shows its errors as you type...
        browser.type("main-manual-customOptions", "{\"anthropic\": {\"effort\": \"high\"}}");
        assertThat(browser.awaitText("main-manual-customOptions-check", "The server would refuse"))
                .contains("openaiCompatible");
        // ... and accepts a valid override.
        browser.type("main-manual-customOptions", "{\"thinking\": {\"type\": \"enabled\"}, \"top_p\": 0.9}");
        browser.awaitText("main-manual-customOptions-status", "Valid JSON");
        browser.awaitText("main-manual-customOptions-check", "The server accepts these settings");
        if (README_SCREENSHOT != null) {
            browser.screenshotOfWholePage(Path.of(README_SCREENSHOT.replace(".png", "-manual.png")), 1280);
        }
        browser.click("main-manual-save");

        browser.awaitText("main-status", "Saved the main model");
        assertThat(browser.visible("main-saved").getText()).contains("deepseek-v3", "custom", "3 requests at a time");
        JsonNode main = api(org).path("main");
        assertThat(main.path("model").asString()).isEqualTo("deepseek-v3");
        assertThat(main.path("thinking").asString()).isEqualTo("custom");
        assertThat(main.path("customOptions").path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(main.path("maxTokens").asInt()).isEqualTo(4000);
        assertThat(main.path("maxConcurrentRequests").asInt()).isEqualTo(3);

        // A reload (the token stays in the tab's session) shows the saved override.
        browser.driver().navigate().refresh();
        browser.awaitReady();
        assertThat(browser.visible("main-custom-options").getText()).contains("\"top_p\": 0.9", "\"type\": \"enabled\"");
        browser.click("main-edit");
        assertThat(browser.visible("main-manual-customOptions").getDomProperty("value")).contains("\"top_p\": 0.9");
        assertThat(browser.byId("main-manual-thinking-custom").isSelected()).isTrue();
        assertThat(browser.everythingTheBrowserHolds()).doesNotContain(key);
    }

    @Test
    void configuresAnOpenRouterFallbackByHandWithPinsTemperatureAndAPreset() {
        String org = Slots.newOrgId("page-openrouter");
        saveMain(org, orgs.key(KeyBehaviour.ok().withModels("glm-5.1")));
        String key = orgs.key(KeyBehaviour.ok().withModels("moonshotai/kimi-k2.6"));
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));

        browser.click("fallback-configure-manually");
        assertThat(browser.visible("fallback-manual-title").getText()).isEqualTo("Configure the fallback model manually");
        new Select(browser.byId("fallback-manual-provider")).selectByVisibleText("OpenRouter");
        browser.awaitHidden("fallback-manual-step-base-url");
        browser.type("fallback-manual-model", "moonshotai/kimi-k2.6");
        browser.type("fallback-manual-apiKey", key);
        browser.click("fallback-manual-advanced-toggle");
        browser.type("fallback-manual-endpoint", stack.simulatorBaseUrl());
        browser.type("fallback-manual-temperature", "0.3");
        browser.type("fallback-manual-pinProviders", "moonshot, together");
        WebElement allowFallbacks = browser.visible("fallback-manual-allowFallbacks");
        assertThat(allowFallbacks.isSelected()).as("fallbacks are allowed unless switched off").isTrue();
        allowFallbacks.sendKeys(Keys.SPACE);
        assertThat(allowFallbacks.isSelected()).isFalse();
        assertThat(browser.unlabelledControls()).as("the OpenRouter fields are labelled too").isEmpty();

        // A routing key at the top level of the custom JSON: the server's dry validation warns it is moved.
        browser.click("fallback-manual-thinking-custom-label");
        browser.type("fallback-manual-customOptions", "{\"data_collection\": \"deny\"}");
        assertThat(browser.awaitText("fallback-manual-customOptions-check", "The server accepts these settings, with warnings"))
                .contains("customOptions.data_collection is an OpenRouter routing key; it was moved under 'provider'");
        browser.click("fallback-manual-save");

        assertThat(browser.awaitText("fallback-status", "Saved the fallback model"))
                .contains("OpenRouter", "moonshotai/kimi-k2.6", "The service adjusted some settings",
                        "customOptions.data_collection is an OpenRouter routing key");
        JsonNode fallback = api(org).path("fallback");
        assertThat(fallback.path("provider").asString()).isEqualTo("open_router");
        assertThat(fallback.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(fallback.path("openRouter").path("pinProviders").toString()).isEqualTo("[\"moonshot\",\"together\"]");
        assertThat(fallback.path("openRouter").path("allowFallbacks").asBoolean(true)).isFalse();
        assertThat(fallback.path("customOptions").path("data_collection").asString()).isEqualTo("deny");

        // After a reload the page shows what was saved, and the form edits it from there.
        browser.driver().navigate().refresh();
        browser.awaitReady();
        assertThat(browser.visible("fallback-saved").getText()).contains("OpenRouter", "moonshotai/kimi-k2.6");
        assertThat(saved("fallback", "OpenRouter providers")).isEqualTo("moonshot, together (no fallbacks)");
        assertThat(saved("fallback", "Temperature")).isEqualTo("0.3");
        assertThat(saved("fallback", "Thinking")).isEqualTo("custom");
        assertThat(browser.visible("fallback-custom-options").getText()).contains("\"data_collection\": \"deny\"");
        browser.click("fallback-edit");
        assertThat(browser.visible("fallback-manual-pinProviders").getDomProperty("value")).isEqualTo("moonshot, together");
        assertThat(browser.byId("fallback-manual-allowFallbacks").isSelected()).isFalse();
        assertThat(browser.byId("fallback-manual-temperature").getDomProperty("value")).isEqualTo("0.3");
        browser.click("fallback-manual-thinking-high-label");
        browser.awaitHidden("fallback-manual-custom");
        // No pins any more, but still no fallbacks: that setting must survive and show.
        browser.visible("fallback-manual-pinProviders").clear();
        browser.click("fallback-manual-save");

        browser.awaitText("fallback-status", "Saved the fallback model");
        assertThat(saved("fallback", "Thinking")).isEqualTo("high");
        assertThat(saved("fallback", "OpenRouter providers")).isEqualTo("chosen by OpenRouter (no fallbacks)");
        assertThat(browser.byId("fallback-saved").findElements(By.id("fallback-custom-options"))).isEmpty();
        fallback = api(org).path("fallback");
        assertThat(fallback.path("thinking").asString()).isEqualTo("high");
        assertThat(fallback.path("customOptions").isNull()).isTrue();
        assertThat(fallback.path("openRouter").path("pinProviders").toString()).isEqualTo("[]");
        assertThat(fallback.path("openRouter").path("allowFallbacks").asBoolean(true)).isFalse();
        assertThat(fallback.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(fallback.path("keyHint").asString()).isEqualTo(hintOf(key));
        assertThat(api(org).path("main").path("model").asString()).isEqualTo("glm-5.1");
        assertThat(browser.everythingTheBrowserHolds()).doesNotContain(key);
    }

    @Test
    void editingASlotWithoutRetypingTheKeyKeepsTheStoredKey() {
        String org = Slots.newOrgId("page-edit");
        String key = orgs.key(KeyBehaviour.ok().withModels("glm-5.1"));
        saveMain(org, key);
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));

        browser.click("main-edit");
        assertThat(browser.visible("main-manual-apiKey").getDomProperty("value")).isEmpty();
        assertThat(browser.byId("main-manual-apiKey-hint").getText()).contains("keep the stored key", hintOf(key));
        browser.click("main-manual-advanced-toggle");
        browser.type("main-manual-maxConcurrentRequests", "5");
        browser.click("main-manual-save");

        assertThat(browser.awaitText("main-status", "Saved the main model")).contains(hintOf(key));
        assertThat(browser.visible("main-saved").getText()).contains("5 requests at a time");
        JsonNode main = api(org).path("main");
        assertThat(main.path("maxConcurrentRequests").asInt()).isEqualTo(5);
        assertThat(main.path("keyHint").asString()).isEqualTo(hintOf(key));
        // The stored key still works: the saved slot's Test uses it.
        browser.click("main-test-saved");
        assertThat(browser.awaitText("main-status", "Connected")).contains("The model \"glm-5.1\" is available.");
    }

    @Test
    void deletesTheFallbackAfterAConfirmation() {
        String org = Slots.newOrgId("page-delete");
        saveMain(org, orgs.key(KeyBehaviour.ok()));
        orgs.save(org, "fallback", orgs.key(KeyBehaviour.ok()), 2, "kimi-k2.6");
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));
        assertThat(browser.visible("fallback-saved").getText()).contains("kimi-k2.6");

        browser.click("fallback-delete");
        browser.click("dialog-cancel");
        browser.awaitHidden("dialog-cancel");
        assertThat(api(org).path("fallback").path("model").asString()).isEqualTo("kimi-k2.6");

        browser.click("fallback-delete");
        assertThat(browser.visible("dialog-confirm").getText()).isEqualTo("Delete fallback");
        browser.click("dialog-confirm");

        browser.awaitText("fallback-status", "Deleted the fallback model");
        assertThat(browser.visible("fallback-empty").getText()).contains("No fallback saved yet");
        assertThat(browser.byId("main-saved").getText()).contains("glm-5.1");
        JsonNode view = api(org);
        assertThat(view.path("fallback").isNull()).isTrue();
        assertThat(view.path("main").path("model").asString()).isEqualTo("glm-5.1");
    }

    @Test
    void deletingMainLeavesTheFallbackServingAloneThenDeletingItHidesTheFallbackSection() {
        String org = Slots.newOrgId("page-delete-main");
        saveMain(org, orgs.key(KeyBehaviour.ok()));
        orgs.save(org, "fallback", orgs.key(KeyBehaviour.ok()), 2, "kimi-k2.6");
        browser.openSignedIn(stack.configService().baseUrl(), org, orgToken(org));
        assertThat(browser.visible("main-saved").getText()).contains("glm-5.1");

        // By keyboard: Enter opens the confirmation, Escape leaves it and nothing is deleted.
        browser.byId("main-delete").sendKeys(Keys.ENTER);
        assertThat(browser.visible("dialog-confirm").getText()).isEqualTo("Delete main");
        assertThat(browser.driver().findElement(By.cssSelector("dialog p")).getText())
                .contains("run on the fallback model (OpenAI-compatible API, kimi-k2.6) alone");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.awaitHidden("dialog-confirm");
        assertThat(api(org).path("main").path("model").asString()).isEqualTo("glm-5.1");

        browser.byId("main-delete").sendKeys(Keys.ENTER);
        browser.visible("dialog-cancel");
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        browser.until(d -> "dialog-confirm".equals(d.switchTo().activeElement().getDomAttribute("id")));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);

        assertThat(browser.awaitText("main-status", "Deleted the main model"))
                .contains("Reviews now run on the fallback model alone.");
        browser.until(d -> "main-heading".equals(d.switchTo().activeElement().getDomAttribute("id")));
        assertThat(browser.visible("main-empty").getText()).contains("reviews run on the fallback model alone");
        assertThat(browser.byId("main-catalog").findElements(By.cssSelector("li.card"))).hasSize(8);
        assertThat(browser.visible("fallback-section").isDisplayed()).as("the fallback stays").isTrue();
        assertThat(browser.visible("fallback-saved").getText()).contains("kimi-k2.6", "2 requests at a time");
        assertThat(browser.byId("fallback-lead").getText()).contains("every review runs on this model");
        JsonNode view = api(org);
        assertThat(view.path("main").isNull()).isTrue();
        assertThat(view.path("fallback").path("model").asString()).isEqualTo("kimi-k2.6");
        assertThat(browser.unlabelledControls()).isEmpty();

        browser.click("fallback-delete");
        browser.click("dialog-confirm");
        browser.awaitHidden("fallback-section");
        assertThat(browser.visible("main-empty").getText()).contains("No main model saved yet");
        view = api(org);
        assertThat(view.path("main").isNull()).isTrue();
        assertThat(view.path("fallback").isNull()).isTrue();
    }

    /**
     * A link that carries a token never signs the page in by itself (whoever made the link chose the
     * org and the token, and a key saved there is saved for them): the page names the org and the
     * token's subject and switches only when asked to; ignoring the link keeps the session as it was.
     */
    @Test
    void aLinkWithATokenAsksBeforeSwitchingOrgOrIdentity() {
        String mine = Slots.newOrgId("page-mine");
        String theirs = Slots.newOrgId("page-theirs");
        browser.openSignedIn(stack.configService().baseUrl(), mine, orgToken(mine));
        String theirToken = stack.tokens().sign(new com.nimbusds.jwt.JWTClaimsSet.Builder()
                .subject("someone-else@example.com").claim("orgs", List.of(theirs)), Duration.ofMinutes(10));

        browser.openLink(stack.configService().baseUrl(), theirs, theirToken);

        assertThat(browser.byId("link-org").getText()).isEqualTo(theirs);
        assertThat(browser.byId("link-identity").getText()).isEqualTo("someone-else@example.com");
        assertThat(browser.byId("link-current").getText()).contains("signed in for org " + mine);
        assertThat(browser.byId("app").isDisplayed()).as("nothing of either org is shown yet").isFalse();
        assertThat(browser.driver().getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
        browser.click("link-decline");
        browser.awaitReady();
        assertThat(browser.byId("org-label").getText()).isEqualTo("for org " + mine);

        browser.openLink(stack.configService().baseUrl(), theirs, theirToken);
        browser.click("link-accept");
        browser.awaitText("org-label", theirs);
    }

    @Test
    void withoutATokenThePageAsksForOneAndSaysWhenItIsRefused() {
        String org = Slots.newOrgId("page-signin");
        browser.driver().get(stack.configService().baseUrl() + "/byok");

        browser.visible("signin");
        browser.type("signin-org", org);
        browser.type("signin-token", "not-a-token");
        browser.click("signin-open");
        assertThat(browser.awaitText("signin-message", "refused")).contains("Paste a new one");

        browser.type("signin-token", stack.tokens().forOrgs(List.of("someone-else"), Duration.ofMinutes(10)));
        browser.click("signin-open");
        browser.awaitText("signin-message", "may not manage the org \"" + org + "\"");

        browser.type("signin-token", orgToken(org));
        browser.click("signin-open");
        browser.awaitReady();
        assertThat(browser.visible("main-empty").getText()).contains("No main model saved yet");
        assertThat(browser.byId("org-label").getText()).isEqualTo("for org " + org);
    }

    @Test
    void onTheDeploymentDefaultABannerNamesItsModelAndSavingOverItAsksFirst() throws IOException {
        String defaultKey = Slots.newKey();
        TestOrgs.KEYS_USED.add(defaultKey);
        JwtTokens tokens = startDefaultInstance(defaultKey);
        String org = Slots.newOrgId("page-default");
        String key = orgs.key(KeyBehaviour.ok().withModels("glm-5.1"));
        browser.openSignedIn(defaultInstance.baseUrl(), org, tokens.forOrgs(List.of(org), Duration.ofMinutes(30)));

        assertThat(browser.visible("env-banner").getText())
                .contains("deployment's default model", "OpenAI-compatible API, qwen3-coder");
        assertThat(browser.byId("main-empty").getText()).contains("deployment default");
        assertThat(browser.byId("fallback-section").isDisplayed()).isFalse();

        browser.click("main-card-glm-5-1-toggle");
        browser.click("main-card-glm-5-1-endpoint-toggle");
        browser.type("main-card-glm-5-1-endpoint", stack.simulatorBaseUrl());
        browser.type("main-card-glm-5-1-key", key);
        browser.click("main-card-glm-5-1-save");
        assertThat(browser.visible("dialog-confirm").getText()).isEqualTo("Use my own model");
        browser.click("dialog-cancel");
        assertThat(browser.awaitText("main-card-glm-5-1-result", "Nothing was saved")).contains("deployment default");
        ByokApi api = new ByokApi(defaultInstance.baseUrl(), tokens.admin(Duration.ofMinutes(5)));
        assertThat(Json.lenient().readTree(api.get(org).body()).path("source").asString()).isEqualTo("environment");

        browser.click("main-card-glm-5-1-save");
        browser.click("dialog-confirm");

        browser.awaitText("main-status", "Saved the main model");
        browser.awaitHidden("env-banner");
        assertThat(Json.lenient().readTree(api.get(org).body()).path("source").asString()).isEqualTo("byok");
        assertThat(browser.everythingTheBrowserHolds()).doesNotContain(defaultKey, key);
        assertThat(Files.readString(defaultInstance.logFile())).doesNotContain(defaultKey, key);
    }

    /**
     * A config-service with a deployment default (BYOK_DEFAULT_MAIN_*) on the shared broker and
     * master key, with a JWT secret of its own.
     */
    private static synchronized JwtTokens startDefaultInstance(String defaultKey) {
        if (defaultInstance == null) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            defaultInstanceSecret = HexFormat.of().formatHex(secret);
            defaultInstance = ServiceProcess.start("config-service-default", "config-service", Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap(),
                    "BYOK_JWT_SECRET", defaultInstanceSecret,
                    "BYOK_MASTER_KEY_FILE", stack.runDir().resolve("master.key").toAbsolutePath().toString(),
                    "BYOK_EGRESS_ALLOW", "127.0.0.1,localhost",
                    "BYOK_DEFAULT_MAIN_PROVIDER", "openai_compatible",
                    "BYOK_DEFAULT_MAIN_MODEL", "qwen3-coder",
                    "BYOK_DEFAULT_MAIN_BASE_URL", stack.simulatorBaseUrl(),
                    "BYOK_DEFAULT_MAIN_API_KEY", defaultKey,
                    "LOGGING_LEVEL_ROOT", "DEBUG"), stack.runDir());
            defaultInstance.awaitHealthy(Duration.ofSeconds(120));
        }
        return new JwtTokens(defaultInstanceSecret);
    }

    /** Saves main as the catalog's GLM 5.1 on the Coding Plan, pointed at the simulator. */
    private static void saveMain(String org, String key) {
        ByokApi.Response saved = orgs.admin().putSlot(org, "main", """
                {"provider":"openai_compatible","model":"glm-5.1","plan":"glm-5.1-coding-plan","baseUrl":"%s",\
                "apiKey":"%s","thinking":"medium"}""".formatted(stack.simulatorBaseUrl(), key));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    }

    private static JsonNode api(String org) {
        ByokApi.Response read = orgs.admin().get(org);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return Json.lenient().readTree(read.body());
    }

    private static String orgToken(String org) {
        return stack.tokens().forOrgs(List.of(org), Duration.ofMinutes(30));
    }

    /** A key the simulator does not know: it answers 401, as a provider does for a wrong key. */
    private static String unknownKey() {
        String key = Slots.newKey();
        TestOrgs.KEYS_USED.add(key);
        return key;
    }

    /** What the saved slot's summary shows for {@code label}. */
    private String saved(String slot, String label) {
        return browser.visible(slot + "-saved")
                .findElement(By.xpath(".//dt[normalize-space()='" + label + "']/following-sibling::dd[1]")).getText();
    }

    /** A loopback port nothing listens on: connecting is refused at once. */
    private static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String hintOf(String key) {
        return "sk-…" + key.substring(key.length() - 4);
    }
}
