package dev.byok.systemtests;

import dev.byok.localstack.LocalRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for each test, driven through chromedriver, both from the operating
 * system (Debian's {@code chromium} and {@code chromium-driver}; {@code BYOK_CHROMIUM} and
 * {@code BYOK_CHROMEDRIVER} point elsewhere). Both paths are given explicitly, so Selenium Manager
 * never looks for, or downloads, a browser or a driver. When a test fails, a screenshot, the page's
 * HTML and the browser console go to {@code target/screenshots/<class>.<test>.*}.
 */
final class Browser implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ChromeDriver driver;
    private Path profile;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path chromium = executable("BYOK_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = executable("BYOK_CHROMEDRIVER", "/usr/bin/chromedriver");
        profile = Files.createTempDirectory("byok-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--lang=en-US", "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    private static Path executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : fallback);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("The browser tests need Chromium and chromedriver: " + path
                    + " is missing. Install them (Debian: apt-get install -y chromium chromium-driver; ./run-tests does "
                    + "this), or set " + variable + " to the executable.");
        }
        return path;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty() || driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("\n"));
            Files.writeString(SCREENSHOTS.resolve(name + ".console.txt"), console);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the screenshot of " + name + ": " + e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Opens the settings page of {@code configServiceBaseUrl} signed in, through exactly the URL that
     * {@code ./run-local serve} prints ({@link LocalRun#settingsPageUrl}: org and token in the
     * fragment), and accepts the link's token when the page asks.
     */
    void openSignedIn(String configServiceBaseUrl, String org, String token) {
        openLink(configServiceBaseUrl, org, token);
        click("link-accept");
        awaitReady();
    }

    /** Opens the URL {@code ./run-local serve} prints, without answering the page's question about it. */
    void openLink(String configServiceBaseUrl, String org, String token) {
        driver.get(LocalRun.settingsPageUrl(configServiceBaseUrl, org, token));
        visible("link-confirm");
    }

    /** Waits until the page has loaded the org's settings. */
    void awaitReady() {
        until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-ready=true]")));
    }

    <T> T until(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** The element once it is displayed. */
    WebElement visible(String id) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void click(String id) {
        until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    void type(String id, String text) {
        WebElement input = visible(id);
        input.clear();
        input.sendKeys(text);
    }

    /** Waits until the element's text contains {@code fragment}, and returns the text. */
    String awaitText(String id, String fragment) {
        until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), fragment));
        return byId(id).getText();
    }

    /** Waits until the element is no longer displayed (or gone). */
    void awaitHidden(String id) {
        until(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Everything of the page a key could hide in: the HTML, every form field's current value, and
     * both web storages.
     */
    String everythingTheBrowserHolds() {
        Object values = script("""
                return [document.documentElement.outerHTML,
                        ...Array.from(document.querySelectorAll('input, textarea, select')).map(e => e.value),
                        JSON.stringify(Object.assign({}, sessionStorage)),
                        JSON.stringify(Object.assign({}, localStorage)),
                        location.href].join('\\n');""");
        return String.valueOf(values);
    }

    /** Saves a screenshot of the whole page, {@code width} pixels wide, to {@code file}. */
    void screenshotOfWholePage(Path file, int width) {
        driver.manage().window().setSize(new Dimension(width, 1000));
        long frame = ((Number) script("return window.outerHeight - window.innerHeight")).longValue();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(width, (int) (height + frame)));
        script("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The displayed form controls without a label, and the buttons without an accessible name. */
    List<String> unlabelledControls() {
        Object found = script("""
                return Array.from(document.querySelectorAll('input, select, textarea, button'))
                    .filter(e => e.getClientRects().length > 0 || e.type === 'radio')
                    .filter(e => e.closest('[hidden]') === null)
                    .filter(e => e.tagName === 'BUTTON'
                        ? !(e.textContent.trim() || e.getAttribute('aria-label'))
                        : e.labels.length === 0 && !e.getAttribute('aria-label'))
                    .map(e => e.id || e.name || e.outerHTML.slice(0, 80));""");
        return ((List<?>) found).stream().map(String::valueOf).toList();
    }

    /** The ids of the options of a select. */
    List<String> options(String selectId) {
        return byId(selectId).findElements(By.tagName("option")).stream().map(o -> o.getDomProperty("value")).toList();
    }
}
