package org.careid.kiosk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import org.careid.support.Api;
import org.careid.support.Prerequisites;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driving the kiosk page, with (when asked) the fake camera fed from the shared
 * still-face video. Skips the test (JUnit assumption) when Chromium, chromedriver or the video are
 * absent.
 */
final class KioskBrowser implements AutoCloseable {
    static final String CAMERA_VIDEO = "video/still_face_obama_small_640x480_10fps_2s.y4m";
    static final Path SCREENSHOTS = Path.of("target", "kiosk-screenshots");
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private KioskBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static Path datasets() {
        return Path.of(System.getProperty("careid.datasets.dir", "../shared/datasets"));
    }

    /** A dataset file, or the test is skipped with a clear message. */
    static Path dataset(String relative) {
        Path p = datasets().resolve(relative).toAbsolutePath().normalize();
        Prerequisites.require(Files.isRegularFile(p), "dataset file " + p + " absent (set careid.datasets.dir)");
        return p;
    }

    /** The kiosk in a browser without a camera (screens that capture nothing). */
    static KioskBrowser open(URL kiosk) throws IOException {
        return open(kiosk, null);
    }

    /** The kiosk in a browser whose camera shows the shared still-face video. */
    static KioskBrowser openWithCamera(URL kiosk) throws IOException {
        requireBrowser();
        return open(kiosk, dataset(CAMERA_VIDEO));
    }

    /** The kiosk in a browser whose camera shows the given Y4M video (looped). */
    static KioskBrowser openWithCamera(URL kiosk, Path video) throws IOException {
        requireBrowser();
        return open(kiosk, video);
    }

    /** Emulates a screen of this CSS size (the page's viewport), like a laptop or tablet in kiosk mode. */
    void viewport(int width, int height) {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** axe-core (WCAG 2.x A and AA rules) on the page as shown: no serious or critical violation. */
    void assertAccessible(String where) {
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        List<String> bad = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList())
                .toList();
        assertTrue(bad.isEmpty(), where + ": accessibility violations " + bad);
    }

    /** Asserts an element is shown and lies wholly inside the viewport (visible without scrolling). */
    void assertWithinViewport(String id) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> r = (java.util.Map<String, Object>) script(
                "const e = document.getElementById(arguments[0]); const b = e.getBoundingClientRect();"
                        + "return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, width: b.width, height: b.height,"
                        + " vw: window.innerWidth, vh: window.innerHeight};", id);
        double top = ((Number) r.get("top")).doubleValue();
        double bottom = ((Number) r.get("bottom")).doubleValue();
        double left = ((Number) r.get("left")).doubleValue();
        double right = ((Number) r.get("right")).doubleValue();
        double vw = ((Number) r.get("vw")).doubleValue();
        double vh = ((Number) r.get("vh")).doubleValue();
        assertTrue(((Number) r.get("height")).doubleValue() > 0 && ((Number) r.get("width")).doubleValue() > 0,
                id + " is not shown: " + r);
        assertTrue(top >= 0 && left >= 0 && bottom <= vh + 0.5 && right <= vw + 0.5, id + " is not within the viewport: " + r);
    }

    private static void requireBrowser() {
        Prerequisites.require(firstExisting(CHROMIUM) != null, "Chromium not installed (apt-get install chromium)");
        Prerequisites.require(firstExisting(DRIVER) != null, "chromedriver not installed (apt-get install chromium-driver)");
    }

    private static KioskBrowser open(URL kiosk, Path video) throws IOException {
        requireBrowser();
        String chromium = firstExisting(CHROMIUM);
        String chromedriver = firstExisting(DRIVER);
        Path profile = Files.createTempDirectory("careid-kiosk-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--user-data-dir=" + profile.toAbsolutePath());
        if (video != null) {
            options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                    "--use-file-for-fake-video-capture=" + video);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile()).usingAnyFreePort().build();
        KioskBrowser browser = new KioskBrowser(new ChromeDriver(service, options), profile);
        browser.driver.get(kiosk.toString());
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
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The text of the page's error box, or "" when none is shown (for assertion messages). */
    /**
     * Finds a staff member by employee id on the search screen and opens them. The list shown right
     * after login may be re-rendered by this search: a stale row is looked up again.
     */
    void openPerson(String staffId) {
        String employeeId = Api.as(Api.admin()).get("/api/v1/staff/" + staffId).then().statusCode(200)
                .extract().path("employeeId");
        type("search-q", employeeId);
        click("search-submit");
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("button[data-staff-id='" + staffId + "']")).click();
            return true;
        });
        visible("person-view");
    }

    String errorText() {
        WebElement error = byId("error");
        return error.isDisplayed() ? error.getText() : "";
    }

    void login(String username, String password) {
        type("login-username", username);
        type("login-password", password);
        click("login-submit");
        visible("staff-view");
    }

    /** Waits until an element's text contains the given words. */
    String waitForText(String id, String words) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), words));
        return byId(id).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves target/kiosk-screenshots/NN-step.png. */
    Path screenshot(int number, String step) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(String.format("%02d-%s.png", number, step));
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /**
     * Asserts the browser console logged no error. Network errors for HTTP statuses the test
     * provoked on purpose (e.g. a 403 refusal) are expected and listed in allowedStatuses.
     */
    void assertNoConsoleErrors(int... allowedStatuses) {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> Arrays.stream(allowedStatuses).noneMatch(s -> e.getMessage().contains("status of " + s + " ")))
                // Server-side logout on log-off: servers before that endpoint answer 404, which changes nothing.
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
