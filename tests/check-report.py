#!/usr/bin/env python3
"""check-report.py - the HTML report in a real browser.

Usage: check-report.py BIN DATA_DIR REPORT_DIR ARTEFACT_DIR NAME [score options...]

For every page of REPORT_DIR (written by `hindsight report` with the same
options), loaded in headless Chromium (driven over --remote-debugging-pipe,
networking off: a dead proxy and no name resolution):
  - no request but file:// pages of the report, no console message, no
    script error, no CSP violation;
  - the DOM the browser built (serialised back) holds only the elements and
    attributes the report writer emits, so none came from data;
  - every internal link points at a page that exists and, with a #fragment,
    at an id on it;
  - every number shown equals `score`, `forecasts`, `calibration` or
    `sensitivity --format json` of the same data and options;
  - no page is larger than 2 MB (HS_SITE_PAGE_BYTES); the pages of every
    long list (NAME.html, NAME-p2.html, ...) are numbered 1..N without a
    gap, say "Page K of N" with rows that follow on from the page before,
    link the previous and next page and only pages of the same list; every
    forecast is listed exactly once across the pages of its forecaster, its
    organization and its question, and every forecaster and organization
    exactly once across the leaderboard pages (EXPECT_PAGED=1: some list
    must have more than one page);
Screenshots of the index and of one forecaster page at desktop and phone
widths go to ARTEFACT_DIR and must not be blank.
Prints "ok   report/NAME/..." or "FAIL report/NAME/..." lines.  Without
Chromium the DOM checks run on Python's own parse and the browser checks are
reported as skipped (REQUIRE_BROWSER=1 makes that a failure).
Only the Python standard library is used.
"""
import html.parser
import collections
import json
import math
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

BIN, DATA, REPORT, ART, NAME = sys.argv[1:6]
OPTS = sys.argv[6:]
failures = 0


def ok(what):
    print("ok   report/%s/%s" % (NAME, what))


def fail(what, why):
    global failures
    failures += 1
    print("FAIL report/%s/%s: %s" % (NAME, what, why))


def hs_json(*args):
    out = subprocess.run([BIN, "--data", DATA] + list(args) + OPTS + ["--format", "json"],
                         check=True, capture_output=True).stdout
    return json.loads(out)


# ---- what the writer may emit ----

ELEMENTS = {"html", "head", "meta", "title", "style", "body", "a", "header", "nav", "ul", "li",
            "main", "footer", "p", "h1", "h2", "dl", "dt", "dd", "div", "table", "caption",
            "thead", "tbody", "tr", "th", "td", "span", "bdi", "q", "strong", "code", "svg",
            "line", "rect", "circle", "text", "figure", "figcaption", "desc"}
ATTRS = {"lang", "charset", "name", "content", "http-equiv", "class", "href", "rel", "id",
         "aria-label", "aria-current", "aria-hidden", "aria-labelledby", "focusable", "role",
         "scope", "data-k", "data-label", "data-board", "viewbox", "width", "height", "x", "y",
         "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "text-anchor", "transform", "title"}


class Page(html.parser.HTMLParser):
    """Elements, attributes, ids, links and the data-k values of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []      # (tag, attrs)
        self.ids = set()
        self.links = []
        self.stack = []         # open elements: (tag, attrs, text parts)
        self.rows = []          # per <tr>: {key: [texts]}, plus its table's attrs
        self.tables = []
        self.figs = {}          # data-k of <dd>: text
        self.loose = {}         # data-k outside tables and figures: text

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, attrs))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "table":
            self.tables.append(a)
        if tag == "tr":
            self.rows.append((self.tables[-1] if self.tables else {}, {}))
        if tag in ("meta", "line", "rect", "circle"):   # void or self-closed
            return
        self.stack.append([tag, a, []])

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag):
        while self.stack:
            t, a, parts = self.stack.pop()
            text = "".join(parts)
            for entry in self.stack:
                entry[2].append(text)
            if "data-k" in a:
                if t == "dd":
                    self.figs[a["data-k"]] = text
                elif not self.rows:
                    self.loose.setdefault(a["data-k"], text)
                else:
                    self.rows[-1][1].setdefault(a["data-k"], []).append(text)
            if t == "bdi" and self.rows and self.stack and self.stack[-1][0] == "a":
                self.rows[-1][1].setdefault("bdi", []).append(text)
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2].append(data)


def parse(text):
    p = Page()
    p.feed(text)
    p.close()
    return p


def number(text):
    """A shown number, or None for the dash that means 'no value'."""
    t = text.strip()
    if t in ("\u2013", ""):
        return None
    return float(t)


def same(shown, want, what, where):
    if want is None:
        good = number(shown) is None
    elif isinstance(want, str):
        good = shown.strip() == want
    else:
        v = number(shown)
        # the page rounds; the JSON carries every digit: the shown value
        # must be the JSON value rounded to the decimals shown
        t = shown.strip()
        decimals = len(t.split(".")[1]) if "." in t else 0
        good = v is not None and abs(v - float(want)) <= 0.5 * 10 ** -decimals + 1e-9
    if not good:
        raise AssertionError("%s: %s shows %r, JSON has %r" % (where, what, shown, want))


# ---- Chromium over a pipe (Chrome DevTools Protocol) ----

def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


class Browser:
    def __init__(self, exe, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            # fds 3 and 4 in the child, inheritable, whatever numbers the pipes got
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [exe, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--disable-default-apps", "--disable-dev-shm-usage", "--mute-audio",
                "--hide-scrollbars", "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--allow-file-access-from-files", "--user-data-dir=" + profile, "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=fds, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = [t for t in targets if t["type"] == "page"][0]
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"],
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable", session=True)

    def read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise EOFError("chromium exited")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=False, timeout=60, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self.read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, name, timeout=60):
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e["method"] == name:
                    del self.events[i]
                    return e
            self.events.append(self.read_message(deadline))

    def load(self, url):
        self.events = []
        self.call("Page.navigate", session=True, url=url)
        self.wait_event("Page.loadEventFired")
        # let late console messages and requests arrive
        self.call("Runtime.evaluate", session=True, expression="1")
        return self.call("Runtime.evaluate", session=True, returnByValue=True,
                         expression="'<!DOCTYPE html>' + document.documentElement.outerHTML")[
            "result"]["value"]

    def problems(self, report_dir):
        out = []
        for e in self.events:
            m, p = e["method"], e.get("params", {})
            if m == "Network.requestWillBeSent":
                url = p["request"]["url"]
                if not url.startswith("file://" + report_dir + "/"):
                    out.append("request to " + url)
            elif m == "Runtime.consoleAPICalled":
                out.append("console %s: %s" % (p.get("type"), p.get("args")))
            elif m == "Runtime.exceptionThrown":
                out.append("script error: %s" % p.get("exceptionDetails", {}).get("text"))
            elif m == "Log.entryAdded":
                out.append("log %s: %s" % (p["entry"].get("level"), p["entry"].get("text")))
        return out

    def screenshot(self, url, width, height, mobile, path):
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        self.load(url)
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        import base64
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(data))
        self.call("Emulation.clearDeviceMetricsOverride", session=True)

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_chrome)
        os.close(self.from_chrome)


def png_colours(path):
    """Distinct colours and the share of non-white pixels of an 8-bit RGB(A) PNG."""
    with open(path, "rb") as fh:
        data = fh.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "unexpected PNG type"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours, dark = set(), 0
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 2 == 0:   # every other row is enough to judge
            for x in range(0, width, 2):
                px = bytes(line[x * bpp:x * bpp + 3])
                colours.add(px)
                if px != b"\xff\xff\xff":
                    dark += 1
        prev = line
    return len(colours), dark / (((height + 1) // 2) * ((width + 1) // 2))


# ---- checks ----

def check_structure(page, name, text, pages, parsed):
    for tag, attrs in page.elements:
        if tag not in ELEMENTS:
            raise AssertionError("%s: element <%s> is not one the writer emits" % (name, tag))
        for k, v in attrs:
            if k not in ATTRS:
                raise AssertionError("%s: attribute %s on <%s> is not one the writer emits" % (name, k, tag))
            if k == "href":
                if v.startswith(("http://", "https://")):
                    continue
                if ":" in v.split("#")[0] or v.startswith(("/", ".")):
                    raise AssertionError("%s: link %r is neither a page of the report nor http(s)" % (name, v))
                target, _, frag = v.partition("#")
                target = target or name
                if target not in pages:
                    raise AssertionError("%s: broken link to %r" % (name, target))
                if frag and frag not in parsed[target].ids and frag != "main":
                    raise AssertionError("%s: link %r: no id %r there" % (name, v, frag))
                if frag == "main" and "main" not in parsed[target].ids:
                    raise AssertionError("%s: no #main" % name)
    if "<script" in text.lower():
        raise AssertionError("%s: a <script> made it into the DOM" % name)


PAGE_LIMIT = 2000000   # HS_SITE_PAGE_BYTES
PAGER = re.compile(r'<nav class="pager"[^>]*>(.*?)</nav>', re.S)
POSITION = re.compile(r"Page (\d+) of (\d+) \(rows (\d+) to (\d+) of (\d+)\)")


def list_page(name):
    """("NAME", K) of NAME.html (K 1) or NAME-pK.html."""
    m = re.match(r"^(.*)-p(\d+)\.html$", name)
    return (m.group(1), int(m.group(2))) if m else (name[:-len(".html")], 1)


def list_file(base, k):
    return base + ".html" if k == 1 else "%s-p%d.html" % (base, k)


def check_lists(parsed, texts, report, forecasts, score):
    """Page sizes, the pages of every list and every row once; returns
    (lists, lists on more than one page)."""
    for p in parsed:
        size = os.path.getsize(os.path.join(report, p))
        if size > PAGE_LIMIT:
            raise AssertionError("%s: %d bytes, more than %d" % (p, size, PAGE_LIMIT))
    lists = collections.defaultdict(dict)
    for p in parsed:
        base, k = list_page(p)
        lists[base][k] = p
    multi = 0
    for base, pages in sorted(lists.items()):
        n = max(pages)
        if sorted(pages) != list(range(1, n + 1)):
            raise AssertionError("%s: pages %s, not 1 to %d" % (base, sorted(pages), n))
        if n > 1:
            multi += 1
        end = 0
        for k in range(1, n + 1):
            p = pages[k]
            navs = PAGER.findall(texts[p])
            if n == 1:
                if navs:
                    raise AssertionError("%s: a pager on a list of one page" % p)
                continue
            if len(navs) != 2:
                raise AssertionError("%s: %d pagers, not 2 (above and below the list)" % (p, len(navs)))
            for nav in navs:
                m = POSITION.search(nav)
                if not m or (int(m.group(1)), int(m.group(2))) != (k, n):
                    raise AssertionError("%s: pager does not say 'Page %d of %d': %r" % (p, k, n, nav[:200]))
                first, last, total = int(m.group(3)), int(m.group(4)), int(m.group(5))
                if first != end + 1 or last < first or last > total or (k == n and last != total):
                    raise AssertionError("%s: rows %d to %d of %d do not follow on from row %d"
                                         % (p, first, last, total, end))
                for rel, want in (("prev", k - 1), ("next", k + 1)):
                    m2 = re.search(r'href="([^"]+)" rel="%s"' % rel, nav)
                    if (m2.group(1) if m2 else None) != (list_file(base, want) if 1 <= want <= n else None):
                        raise AssertionError("%s: %s link %r, not to page %d" % (p, rel, m2 and m2.group(1), want))
                for href in re.findall(r'href="([^"]+)"', nav):
                    if list_page(href)[0] != base:
                        raise AssertionError("%s: pager links %r, not a page of this list" % (p, href))
            end = last
    # every forecast once on the pages of its forecaster, organization, question
    want = {k: collections.defaultdict(list) for k in ("forecaster", "organization", "question")}
    got = {k: collections.defaultdict(list) for k in want}
    for f in forecasts:
        for k in want:
            want[k][f[k]].append(f["id"])
    for p, page in parsed.items():
        kind = p.split("-", 1)[0]
        if kind not in want:
            continue
        entity = page.loose.get("id") if kind == "question" else page.title_name
        got[kind][entity] += [row["id"][0] for table, row in page.rows
                              if "forecasts" in table.get("class", "") and "id" in row]
    for k in want:
        for entity in set(want[k]) | set(got[k]):
            a, b = sorted(got[k].get(entity, [])), sorted(want[k].get(entity, []))
            if a != b:
                extra = [i for i, c in collections.Counter(a).items() if c > 1]
                raise AssertionError("%s %r: pages list forecasts %s, want %s%s" % (
                    k, entity, a[:10], b[:10], " (twice: %s)" % extra[:5] if extra else ""))
    # every forecaster and organization once across the leaderboard pages
    for base, key in (("forecasters", "forecaster"), ("organizations", "organization")):
        names = []
        for k in sorted(lists.get(base, {})):
            names += [row["bdi"][0] for table, row in parsed[lists[base][k]].rows
                      if "board" in table.get("class", "") and "bdi" in row]
        if sorted(names) != sorted(score[key]):
            raise AssertionError("%s*.html list %d %ss, score --by %s has %d (or names differ)"
                                 % (base, len(names), key, key, len(score[key])))
    return len(lists), multi


def check_numbers(parsed, score, forecasts, calib, sens, profile):
    by_id = {f["id"]: f for f in forecasts}
    checked = 0
    for name, page in parsed.items():
        for table, row in page.rows:
            board = table.get("data-board")
            cls = table.get("class", "")
            if "board" in cls and "bdi" in row:
                key = board
                want = score[key].get(row["bdi"][0])
                if want is None:
                    raise AssertionError("%s: %s %r is not in score --by %s" % (name, key, row["bdi"][0], key))
                for k in ("rank", "brier", "brier_low", "brier_high", "scored", "pending", "void", "skill"):
                    if k in row:
                        same(row[k][0], want[k], k, "%s, %s" % (name, row["bdi"][0]))
                for k in ("brier_low", "brier_high"):
                    if k not in row and want[k] is not None:
                        raise AssertionError("%s: %s missing for %r" % (name, k, row["bdi"][0]))
                checked += 1
            elif "forecasts" in cls and "id" in row:
                f = by_id[row["id"][0]]
                for k in ("p_yes", "deadline", "deadline_kind", "status", "void_reason", "brier"):
                    if k in row:
                        same(row[k][0], f[k], k, "%s, forecast %s" % (name, f["id"]))
                    elif f.get(k) is not None and k != "void_reason":
                        raise AssertionError("%s: %s of %s not shown" % (name, k, f["id"]))
                checked += 1
            elif "calib" in cls and "n" in row:
                b = [c for c in calib if abs(c["bin_low"] - float(row["bin_low"][0])) < 1e-9][0]
                for k in ("n", "mean_p", "observed", "observed_low", "observed_high"):
                    if k in row:
                        same(row[k][0], b[k] if b["n"] or k == "n" else None, k, "%s, bin %s" % (name, b["bin_low"]))
                checked += 1
            elif "decomp" in cls:
                for k, v in row.items():
                    if k != "bdi":
                        same(v[0], calib[0][k], k, name + ", decomposition")
                        checked += 1
            elif "sens" in cls and "bdi" in row:
                want = sens[board][row["bdi"][0]]
                cols = [c for c in want if c not in (board, "min", "max", "range")]
                for i, c in enumerate(cols):
                    same(row["s%d" % i][0], want[c], c, "%s, %s" % (name, row["bdi"][0]))
                checked += 1
        if page.figs and name.startswith("question-"):
            want = score["question"][page.loose["id"]]
            for k in ("scored", "pending", "void", "brier"):
                same(page.figs[k], want[k], k, name)
            checked += 1
        if page.figs and name.startswith(("forecaster-", "organization-")):
            key = "forecaster" if name.startswith("forecaster-") else "organization"
            want, prof = score[key][page.title_name], profile[key][page.title_name]
            for k in ("forecasts", "scored", "pending", "void", "brier", "skill"):
                same(page.figs[k], want[k], k, name)
            same(page.figs["rank"], str(want["rank"]) if want["rank"] else "unranked", "rank", name)
            for k in ("conditional_share", "defaulted_share", "hedge_rate", "boldness"):
                same(page.figs[k], prof[k], k, name)
            checked += 1
    return checked


def main():
    report = os.path.realpath(REPORT)
    pages = sorted(f for f in os.listdir(report) if f.endswith(".html"))
    os.makedirs(ART, exist_ok=True)
    exe = find_chromium()
    texts, how = {}, "python"
    browser, profile_dir = None, None
    if exe:
        profile_dir = tempfile.mkdtemp(prefix="hindsight-chromium.")
        try:
            browser = Browser(exe, profile_dir)
            how = "chromium"
            bad = []
            for p in pages:
                texts[p] = browser.load("file://%s/%s" % (report, p))
                bad += ["%s: %s" % (p, x) for x in browser.problems(report)]
            if bad:
                fail("browser-load", "; ".join(bad[:5]))
            else:
                ok("browser-load (%d pages, no request, console message or error)" % len(pages))
        except Exception as e:
            fail("browser-load", repr(e))
            texts = {}
    elif os.environ.get("REQUIRE_BROWSER") == "1":
        fail("browser", "chromium is not installed (make check installs it)")
    else:
        print("SKIP report/%s/browser: chromium not found; DOM checks ran on Python's parse" % NAME)
    if not texts:
        for p in pages:
            with open(os.path.join(report, p), encoding="utf-8") as fh:
                texts[p] = fh.read()
    parsed = {}
    for p in pages:
        parsed[p] = parse(texts[p])
        # the page's own name: the <bdi> of its <h1>
        t = texts[p]
        i = t.find("<h1>")
        parsed[p].title_name = None
        if i >= 0 and t[i + 4:i + 9] == "<bdi>":
            parsed[p].title_name = html.unescape(t[i + 9:t.index("</bdi>", i)])
    try:
        for p in pages:
            check_structure(parsed[p], p, texts[p], set(pages), parsed)
        ok("dom (%s: only the writer's elements and attributes; every link resolves)" % how)
    except AssertionError as e:
        fail("dom", str(e))
    try:
        score = {k: {g[k]: g for g in hs_json("score", "--by", k)}
                 for k in ("forecaster", "organization", "question")}
        profile = {k: {g[k]: g for g in hs_json("score", "--profile", "--by", k)}
                   for k in ("forecaster", "organization")}
        sens = {}
        for k in ("forecaster", "organization"):
            sens[k] = {r[k]: r for r in hs_json("sensitivity", "--by", k)}
        forecasts = hs_json("forecasts")
        n = check_numbers(parsed, score, forecasts, hs_json("calibration"), sens, profile)
        ok("numbers (%d rows and figures equal the --format json output)" % n)
    except (AssertionError, KeyError, IndexError, ValueError, subprocess.CalledProcessError) as e:
        fail("numbers", "%s: %s" % (type(e).__name__, e))
        forecasts = None
    try:
        if forecasts is None:
            raise AssertionError("no --format json output to compare with")
        n_lists, multi = check_lists(parsed, texts, report, forecasts, score)
        if os.environ.get("EXPECT_PAGED") == "1" and not multi:
            raise AssertionError("every list fits on one page; this report should have longer ones")
        ok("lists (%d pages of at most %d bytes; %d lists, %d on more than one page; pagers link "
           "in order; every forecast, forecaster and organization listed once)"
           % (len(pages), PAGE_LIMIT, n_lists, multi))
    except (AssertionError, KeyError, IndexError, ValueError) as e:
        fail("lists", "%s: %s" % (type(e).__name__, e))
    if browser:
        try:
            # the best-ranked forecaster: the first one the index links to
            fc = [l for l in parsed["index.html"].links if l.startswith("forecaster-")][0]
            shots = []
            for page, label in (("index.html", "index"), (fc, "forecaster")):
                for w, h, mobile, kind in ((1280, 900, False, "desktop"), (390, 844, True, "phone")):
                    path = os.path.join(ART, "%s-%s.png" % (label, kind))
                    browser.screenshot("file://%s/%s" % (report, page), w, h, mobile, path)
                    colours, dark = png_colours(path)
                    if colours < 8 or dark < 0.02:
                        raise AssertionError("%s looks blank: %d colours, %.1f%% non-white"
                                             % (path, colours, dark * 100))
                    shots.append("%s %d colours %.0f%% ink" % (os.path.basename(path), colours, dark * 100))
            ok("screenshots (%s)" % "; ".join(shots))
        except Exception as e:
            fail("screenshots", repr(e))
        browser.close()
    for _ in range(10):   # Chromium's helpers may write a moment after it exits
        if not profile_dir or not os.path.exists(profile_dir):
            break
        shutil.rmtree(profile_dir, ignore_errors=True)
        time.sleep(0.5)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
