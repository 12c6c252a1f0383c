"""Headless Chromium through Debian's chromedriver, cut off from every host name but 127.0.0.1 (shared by
check_site.py and check_lab_browser.py). Selenium never downloads a driver: the driver's path is given."""
import shutil
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


class Browser:
    """Headless Chromium through chromedriver, cut off from every host name."""

    def __init__(self, width=1280, height=900):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self._profile = tempfile.mkdtemp(prefix="course-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                     f"--window-size={width},{height}", f"--user-data-dir={self._profile}",
                     # No name resolves but the local server's: anything fetched from elsewhere fails, as it would offline.
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
            options.add_argument(flag)
        # An explicit driver path: Selenium Manager (which downloads drivers) is never started.
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(60)

    def screenshot(self, path: Path, css: str = None) -> bool:
        """The page's top, or the first element matching `css` scrolled into view (False if there is none)."""
        from selenium.webdriver.common.by import By

        path.parent.mkdir(parents=True, exist_ok=True)
        if css:
            found = self.driver.find_elements(By.CSS_SELECTOR, css)
            if not found:
                return False
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", found[0])
        else:
            self.driver.execute_script("window.scrollTo(0, 0);")
        self.driver.save_screenshot(str(path))
        return True

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def browser_missing() -> str:
    """Why the browser check cannot run here ('' when it can)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).is_file()]
    if missing:
        return f"{' and '.join(missing)} not found (Debian: apt-get install -y chromium chromium-driver)"
    return ""
