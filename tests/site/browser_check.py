#!/usr/bin/python3
"""Open a release's landing page in headless Chromium and check it.

usage: browser_check.py CHROMIUM PAGE.html SCREENSHOT.png [TEXT...]

Drives the browser over the DevTools protocol on a pipe
(--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4),
with the standard library only, and loads PAGE from file://.  Checks:
  - no console message of level error or warning, no exception, no
    log entry of level error;
  - no request for anything but the page itself (file:// only; the
    page needs nothing else);
  - the JSON-LD block parses in the page (JSON.parse) and has @type
    Dataset, name, description, version, license, creator,
    datePublished, keywords, distribution, variableMeasured;
  - every inline <svg> has a non-zero bounding box and a <title>;
  - the screenshot (PNG, decoded here with zlib) is not blank: more
    than 16 distinct pixel values;
  - each TEXT is in the page's rendered text (innerText), and no
    element was made from it: the document has one <script>.
Prints one line per failure; exit status 0 when all hold, 1 otherwise,
2 when the browser cannot be driven.
"""
import base64
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)
        print("FAIL: " + msg, file=sys.stderr)


class Browser:
    def __init__(self, exe):
        self.prof = tempfile.mkdtemp(prefix="sheaf-chromium-")
        r1, w1 = os.pipe()      # we write, the browser reads on fd 3
        r2, w2 = os.pipe()      # the browser writes on fd 4, we read

        def fds():
            # dup first: r1 or w2 may be 3 or 4 already, and dup2 onto
            # another number is what clears close-on-exec
            a, b = os.dup(r1), os.dup(w2)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-sync",
             "--disable-component-update", "--disable-default-apps",
             "--user-data-dir=" + self.prof, "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(r1)
        os.close(w2)
        self.w = os.fdopen(w1, "wb", buffering=0)
        self.r = os.fdopen(r2, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def _read(self):
        while b"\0" not in self.buf:
            chunk = self.r.read(1 << 16)
            if not chunk:
                raise EOFError("the browser closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        m = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        self.w.write(json.dumps(m).encode() + b"\0")
        while True:
            r = self._read()
            if r.get("id") == self.next_id:
                if "error" in r:
                    raise RuntimeError("%s: %s" % (method, r["error"]))
                return r.get("result", {})
            self.events.append(r)

    def wait(self, method, session):
        for i, e in enumerate(self.events):
            if e.get("method") == method and e.get("sessionId") == session:
                return self.events.pop(i)
        while True:
            e = self._read()
            if e.get("method") == method and e.get("sessionId") == session:
                return e
            self.events.append(e)

    def close(self):
        try:
            self.call("Browser.close")
        except (EOFError, RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        subprocess.run(["rm", "-rf", self.prof])


def png_distinct(png):
    """Distinct bytes of the decoded scanlines of an 8-bit PNG."""
    pos, idat, width, bpp = 8, b"", 0, 4
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width = struct.unpack(">I", body[:4])[0]
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}.get(body[9], 4)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp + 1
    pixels = set()
    prev = bytearray(stride - 1)
    for y in range(len(raw) // stride):
        f, line = raw[y * stride], bytearray(raw[y * stride + 1:
                                                (y + 1) * stride])
        for x in range(len(line)):      # undo the PNG filters
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pr) & 255
        for x in range(0, len(line), bpp):
            pixels.add(bytes(line[x:x + bpp]))
        prev = line
    return len(pixels)


PROBE = r"""(() => {
  const out = {scripts: document.scripts.length, svgs: [], ld: null,
               text: document.body.innerText};
  try {
    const s = document.querySelector('script[type="application/ld+json"]');
    out.ld = JSON.parse(s.textContent);
  } catch (e) { out.ld = 'error: ' + e; }
  for (const svg of document.querySelectorAll('svg')) {
    const b = svg.getBBox(), r = svg.getBoundingClientRect();
    const t = svg.querySelector(':scope > title');
    out.svgs.push({w: b.width, h: b.height, rw: r.width, rh: r.height,
                   title: t ? t.textContent : null});
  }
  return JSON.stringify(out);
})()"""


def main(argv):
    exe, page, shot = argv[1], os.path.abspath(argv[2]), argv[3]
    texts = argv[4:]
    url = "file://" + page
    try:
        b = Browser(exe)
    except OSError as e:
        print("cannot start %s: %s" % (exe, e), file=sys.stderr)
        return 2
    try:
        target = b.call("Target.createTarget", {"url": "about:blank"})
        sess = b.call("Target.attachToTarget", {
            "targetId": target["targetId"], "flatten": True})["sessionId"]
        for dom in ("Page", "Runtime", "Log", "Network"):
            b.call(dom + ".enable", session=sess)
        b.call("Emulation.setDeviceMetricsOverride", {
            "width": 1000, "height": 1400, "deviceScaleFactor": 1,
            "mobile": False}, session=sess)
        b.call("Page.navigate", {"url": url}, session=sess)
        b.wait("Page.loadEventFired", sess)
        res = b.call("Runtime.evaluate", {"expression": PROBE,
                                          "returnByValue": True},
                     session=sess)
        probe = json.loads(res["result"]["value"])
        png = base64.b64decode(b.call("Page.captureScreenshot", {
            "format": "png"}, session=sess)["data"])
    except (EOFError, RuntimeError, OSError, KeyError) as e:
        print("cannot drive the browser: %s" % e, file=sys.stderr)
        b.close()
        return 2
    events = list(b.events)
    b.close()
    with open(shot, "wb") as fp:
        fp.write(png)
    for e in events:
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.consoleAPICalled":
            check(p.get("type") not in ("error", "warning", "assert"),
                  "console %s: %s" % (p.get("type"), p.get("args")))
        elif m == "Runtime.exceptionThrown":
            check(False, "exception: %s" % p.get("exceptionDetails"))
        elif m == "Log.entryAdded":
            entry = p.get("entry", {})
            check(entry.get("level") != "error", "log error: %s" %
                  entry.get("text"))
        elif m == "Network.requestWillBeSent":
            r = p.get("request", {}).get("url", "")
            check(r == url, "request leaves the page: %s" % r)
        elif m == "Network.loadingFailed":
            check(False, "loading failed: %s" % p.get("errorText"))
    ld = probe["ld"]
    check(isinstance(ld, dict), "JSON-LD: %s" % ld)
    if isinstance(ld, dict):
        check(ld.get("@type") == "Dataset", "JSON-LD @type")
        for k in ("name", "description", "version", "license", "creator",
                  "datePublished", "keywords", "distribution",
                  "variableMeasured"):
            check(ld.get(k), "JSON-LD lacks %s" % k)
    check(len(probe["svgs"]) == 3, "%d SVGs" % len(probe["svgs"]))
    for i, s in enumerate(probe["svgs"]):
        check(s["w"] > 0 and s["h"] > 0 and s["rw"] > 0 and s["rh"] > 0,
              "SVG %d has an empty box: %s" % (i, s))
        check(s["title"], "SVG %d has no <title>" % i)
    check(probe["scripts"] == 1, "%d <script> elements" % probe["scripts"])
    for t in texts:
        check(t in probe["text"], "not in the rendered text: %r" % t)
    n = png_distinct(png)
    check(n > 16, "screenshot looks blank: %d distinct pixels" % n)
    print("%s: %d SVGs, %d events, %d distinct pixels, %d failed" %
          (os.path.basename(page), len(probe["svgs"]), len(events), n,
           len(FAILS)))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
