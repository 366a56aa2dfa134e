# Clicks a communiqué page's first copy button with a real mouse event in
# headless Chromium and prints what the button and the live region then say.
# Run it on a plain-HTTP host name (insecure context: no clipboard API) and
# on localhost (the API) to see both paths of static/copy.js:
#
#   communiques --addr 127.0.0.1:8611 &
#   python3 scripts/check_copy_buttons.py http://archive.intranet:8611/communiques/SLUG
#   python3 scripts/check_copy_buttons.py http://127.0.0.1:8611/communiques/SLUG
#
# Needs Debian's chromium and the websocket-client package (pip).
import json, subprocess, sys, time, urllib.request, websocket
url = sys.argv[1]
chrome = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
    "--remote-debugging-port=9333", "--remote-allow-origins=*", "--host-resolver-rules=MAP archive.intranet 127.0.0.1",
    "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(50):
        try:
            tabs = json.load(urllib.request.urlopen("http://127.0.0.1:9333/json")); break
        except Exception: time.sleep(0.2)
    ws = websocket.create_connection([t for t in tabs if t["type"] == "page"][0]["webSocketDebuggerUrl"])
    n = [0]
    def call(method, **params):
        n[0] += 1; ws.send(json.dumps({"id": n[0], "method": method, "params": params}))
        while True:
            m = json.loads(ws.recv())
            if m.get("id") == n[0]: return m
    call("Page.enable"); call("Page.navigate", url=url); time.sleep(2)
    ev = lambda e: call("Runtime.evaluate", expression=e, returnByValue=True)["result"]["result"].get("value")
    print("secure context:", ev("window.isSecureContext"), "| clipboard API:", ev("!!navigator.clipboard"))
    call("Browser.grantPermissions", permissions=["clipboardReadWrite", "clipboardSanitizedWrite"])
    ev("document.querySelector('button.copy').scrollIntoView({block: 'center'})"); time.sleep(0.3)
    box = ev("(function(){var r=document.querySelector('button.copy').getBoundingClientRect();return [r.x+r.width/2, r.y+r.height/2];})()")
    for t in ["mousePressed", "mouseReleased"]:
        call("Input.dispatchMouseEvent", type=t, x=box[0], y=box[1], button="left", clickCount=1)
    time.sleep(0.2)
    print("button right after:", ev("document.querySelector('button.copy').textContent"))
    time.sleep(1)
    print("button:", ev("document.querySelector('button.copy').textContent"))
    print("status:", ev("document.getElementById('copy-status').textContent"))
    print("selection:", (ev("window.getSelection().toString()") or "")[:60])
finally:
    chrome.kill()
