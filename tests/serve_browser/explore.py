"""Drives headless Chromium over the DevTools protocol through the guanxi explorer, as a
researcher would: search 涪陵, open 涪陵区, find the 第一书记 relation with its sentence, follow it
to the document view, run a README query in the SPARQL box. Saves a screenshot of each step.

usage: explore.py CHROMIUM BASE_URL SCREENSHOT_DIR
Prints one JSON object with what it saw; exits non-zero on any failed step."""

import base64, json, os, subprocess, sys, tempfile, time, urllib.request

import websocket

chromium, base, shots = sys.argv[1], sys.argv[2].rstrip("/"), sys.argv[3]
os.makedirs(shots, exist_ok=True)
profile = tempfile.mkdtemp(prefix="guanxi-chromium-")
proc = subprocess.Popen(
    [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
     "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1280,900", "about:blank"],
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
port_file = os.path.join(profile, "DevToolsActivePort")
deadline = time.time() + 30
while not os.path.exists(port_file):
    if time.time() > deadline or proc.poll() is not None:
        sys.exit("chromium did not start: " + (proc.stderr.read() if proc.poll() is not None else "timeout"))
    time.sleep(0.1)
time.sleep(0.2)
port = open(port_file).read().split()[0]
pages = [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list")) if t["type"] == "page"]
ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
seq = 0


def call(method, **params):
    global seq
    seq += 1
    ws.send(json.dumps({"id": seq, "method": method, "params": params}))
    while True:
        msg = json.loads(ws.recv())
        if msg.get("id") == seq:
            if "error" in msg:
                raise RuntimeError(f"{method}: {msg['error']}")
            return msg.get("result", {})


def js(expr):
    r = call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
    if "exceptionDetails" in r:
        raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
    return r["result"].get("value")


def wait(expr, what, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        v = js(expr)
        if v:
            return v
        time.sleep(0.1)
    shot("failed")
    raise SystemExit(f"timed out waiting for {what}: {expr}\npage: {js('document.body.innerText')[:2000]}")


def shot(name):
    data = call("Page.captureScreenshot", format="png")["data"]
    with open(os.path.join(shots, f"{name}.png"), "wb") as f:
        f.write(base64.b64decode(data))


seen = {}
try:
    call("Page.enable")
    call("Runtime.enable")
    call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
    # 1. search 涪陵 in the search box
    call("Page.navigate", url=base + "/")
    wait("document.querySelector('#search-box') !== null && document.querySelector('h1') !== null", "the home page")
    js("document.querySelector('#search-box').value = '涪陵'; document.querySelector('#search-form button').click(); true")
    wait("document.querySelectorAll('.result a').length > 0", "search results")
    seen["results"] = js("[...document.querySelectorAll('.result a')].map(a => a.textContent)")
    shot("search")
    # 2. open the entity 涪陵区
    js("[...document.querySelectorAll('.result a')].find(a => a.textContent === '涪陵区').click(); true")
    wait("document.querySelector('h1') && document.querySelector('h1').textContent.startsWith('涪陵区') && document.querySelectorAll('.relation').length > 0", "the entity page")
    rel = wait("""(() => { const r = [...document.querySelectorAll('.relation')].find(r => r.querySelector('.reading').textContent.includes('第一书记'));
        if (!r) return null; const ev = r.querySelector('.evidence');
        return ev && { reading: r.querySelector('.reading').textContent, sentence: ev.textContent, marked: [...ev.querySelectorAll('mark')].map(m => m.textContent) }; })()""",
               "the 第一书记 relation with its sentence")
    seen["relation"] = rel
    wait("document.querySelector('#picture svg [data-key]') !== null", "the neighbourhood picture")
    seen["picture_nodes"] = js("document.querySelectorAll('#picture svg [data-key]').length")
    js("""(() => { const r = [...document.querySelectorAll('.relation')].find(r => r.querySelector('.reading').textContent.includes('第一书记'));
        r.scrollIntoView({block: 'center'}); return true; })()""")
    time.sleep(0.3)
    shot("entity")
    # 3. follow the sentence to the document view
    js("""(() => { const r = [...document.querySelectorAll('.relation')].find(r => r.querySelector('.reading').textContent.includes('第一书记'));
        r.querySelector('.evidence a.doclink').click(); return true; })()""")
    wait("document.querySelector('.doctext .hl') !== null", "the document view with the sentence outlined")
    seen["document"] = js("document.querySelector('h1').textContent")
    seen["highlighted"] = js("[...document.querySelectorAll('.doctext .hl')].map(e => e.textContent).join('')")
    seen["mention_classes"] = js("[...new Set([...document.querySelectorAll('.doctext .m')].map(e => e.className))]")
    time.sleep(0.3)
    shot("document")
    # 4. the SPARQL box: a README example, run, results table
    call("Page.navigate", url=base + "/#/sparql")
    wait("document.querySelector('#examples') && document.querySelector('#examples').options.length > 1", "the SPARQL page")
    js("""(() => { const s = document.querySelector('#examples'); const i = [...s.options].findIndex(o => o.textContent.includes('第一书记'));
        s.selectedIndex = i > 0 ? i : 1; s.dispatchEvent(new Event('change')); document.querySelector('#run').click(); return true; })()""")
    wait("document.querySelectorAll('#result-table tr').length > 1", "a results table")
    seen["sparql_rows"] = js("document.querySelectorAll('#result-table tr').length - 1")
    seen["sparql_text"] = js("document.querySelector('#result-table').textContent")
    shot("sparql")
    # 5. the path finder
    call("Page.navigate", url=base + "/#/trace?from=%E5%BC%A0%E6%99%BA%E5%A5%8E&to=%E9%87%8D%E5%BA%86%E5%B8%82&k=2&max_hops=6")
    wait("document.querySelectorAll('.path').length > 0", "paths")
    seen["paths"] = js("document.querySelectorAll('.path').length")
    shot("trace")
finally:
    try:
        ws.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
print(json.dumps(seen, ensure_ascii=False))
