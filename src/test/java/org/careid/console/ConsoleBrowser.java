package org.careid.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.careid.support.Prerequisites;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/** A headless Chromium on the console page, at a 1366x768 screen, with an axe-core accessibility scan. */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final ChromeDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private ConsoleBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static ConsoleBrowser open(URL console) throws IOException {
        String chromium = firstExisting(CHROMIUM);
        String chromedriver = firstExisting(DRIVER);
        Prerequisites.require(chromium != null, "Chromium not installed (scripts/ci-install-tools)");
        Prerequisites.require(chromedriver != null, "chromedriver not installed (scripts/ci-install-tools)");
        Path profile = Files.createTempDirectory("careid-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,768", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile()).usingAnyFreePort().build();
        ConsoleBrowser browser = new ConsoleBrowser(new ChromeDriver(service, options), profile);
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1366, "height", 768, "deviceScaleFactor", 1, "mobile", false));
        browser.driver.get(console.toString());
        browser.wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return browser;
    }

    private static String firstExisting(List<String> candidates) {
        return candidates.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement input = visible(id);
        input.clear();
        input.sendKeys(text);
    }

    void click(String id) {
        click(By.id(id));
    }

    /** Clicks once clickable; a list re-rendered between the wait and the click is looked up again. */
    void click(By by) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    org.openqa.selenium.WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
                    if (element == null) {
                        return false;
                    }
                    element.click();
                    return true;
                });
    }

    String waitForText(String id, String words) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), words));
        return byId(id).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void login(String username, String password) {
        type("login-username", username);
        type("login-password", password);
        click("login-submit");
    }

    /** Opens a page by its tab and waits until its data is shown. */
    void page(String pageId) {
        click(By.cssSelector(".tab[data-page='" + pageId + "']"));
        wait.until(d -> pageId.equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** axe-core (WCAG 2.x A and AA rules) on the page as shown: no serious or critical violation. */
    void assertAccessible(String where) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<String> bad = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(ConsoleBrowser::describe).toList();
        assertTrue(bad.isEmpty(), where + ": accessibility violations " + bad);
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().stream()
                .map(n -> String.valueOf(n.getTarget())).limit(5).toList();
    }

    void assertNoConsoleErrors(int... allowedStatuses) {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> Arrays.stream(allowedStatuses).noneMatch(s -> e.getMessage().contains("status of " + s + " ")))
                .filter(e -> !(e.getMessage().contains("/api/v1/operators/me/logout") && e.getMessage().contains("status of 404 ")))
                .toList();
        assertTrue(severe.isEmpty(), "browser console errors: " + severe);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
