package io.hookline.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs) for the console's tests, one per JVM, started on first use. Paths
 * can be moved with {@code HOOKLINE_TEST_CHROMIUM} and {@code HOOKLINE_TEST_CHROMEDRIVER}.
 * Screenshots go to {@code target/console-screenshots/}.
 */
public final class Browser {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static WebDriver driver;

    private Browser() {
    }

    public static synchronized WebDriver driver() {
        if (driver != null) return driver;
        String chromium = env("HOOKLINE_TEST_CHROMIUM", "/usr/bin/chromium");
        String chromedriver = env("HOOKLINE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(chromedriver))) {
            throw new IllegalStateException("the console's browser tests need Chromium and its driver: "
                    + "apt-get install chromium chromium-driver (looked for " + chromium + " and " + chromedriver + ")");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // The flags Chromium needs as root in a sandbox with a closed network (no background calls home).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(chromedriver).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> driver.quit()));
        return driver;
    }

    /** Waits up to 10 s for the element (pages are server-rendered: usually there at once). */
    public static WebElement find(By by) {
        return new WebDriverWait(driver(), Duration.ofSeconds(10)).until(d -> d.findElement(by));
    }

    public static List<WebElement> all(By by) {
        return driver().findElements(by);
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    public static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
