/*!
 * Bitfinex Checkout embed: opens a checkout of this app in an overlay on a merchant's page.
 *
 *   <script src="https://checkout.example/embed.js" async></script>
 *   <a href="https://checkout.example/pay/co_…" data-bitfinex-checkout>Pay with crypto</a>
 *   <button data-bitfinex-checkout="https://checkout.example/l/lnk_…">Pay</button>
 *
 *   const handle = BitfinexCheckout.open(url, { onEvent: (e) => …, opener: button });  handle.close();
 *   window.addEventListener("bitfinex-checkout", (e) => e.detail);
 *
 * Events: { type: "opened" | "paid" | "expired" | "closed", checkoutId, orderId, state }.
 * Only messages from this app's origin (taken from this script's own src) and from the overlay's
 * own frame are believed; anything else posted to the page is ignored. Links keep working without
 * JavaScript: they are plain links to the payment page.
 *
 * Plain ES2017, no dependencies, nothing to build. Styles live in a shadow root so the page's CSS
 * cannot reach them (nor ours the page's).
 */
(function () {
  "use strict";
  if (window.BitfinexCheckout) return; // included twice

  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  if (!script || !script.src) return;
  var APP_ORIGIN = new URL(script.src, location.href).origin;
  var SOURCE = "bitfinex-checkout";
  var ATTRIBUTE = "data-bitfinex-checkout";
  // The pages of this app that may be opened: a checkout, a payment link, a signed link.
  var PAYMENT_PATH = /^\/(pay\/co_[A-Za-z0-9]+|l\/[A-Za-z0-9_]+|s)\/?$/;
  var RELAYED = { opened: true, paid: true, expired: true };

  var current = null; // the open overlay, at most one

  var STYLE = [
    ":host { all: initial; }",
    ".backdrop { position: fixed; inset: 0; z-index: 2147483647; display: flex; align-items: center; justify-content: center;",
    "  background: rgba(9, 9, 11, 0.6); font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    // Phones: the whole screen. Larger screens: a centred panel, about as wide as the payment page.
    ".panel { position: relative; display: flex; flex-direction: column; width: 100%; height: 100%; background: #fafafa; color: #18181b; overflow: hidden; }",
    "@media (min-width: 600px) { .panel { width: 480px; max-width: calc(100vw - 32px); height: min(820px, calc(100vh - 48px)); border-radius: 16px;",
    "  box-shadow: 0 24px 64px rgba(0, 0, 0, 0.35); } }",
    ".bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 6px 8px 6px 16px; border-bottom: 1px solid #e4e4e7; background: #fff; }",
    ".where { display: flex; align-items: center; gap: 6px; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: #52525b; font-size: 13px; }",
    ".close { display: inline-flex; align-items: center; gap: 6px; min-height: 36px; padding: 6px 12px; border: 1px solid #d4d4d8; border-radius: 8px;",
    "  background: #fff; color: #18181b; font: inherit; font-weight: 600; cursor: pointer; }",
    ".close:hover { background: #f4f4f5; }",
    ".close:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }",
    ".body { position: relative; flex: 1; }",
    ".loading { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; color: #52525b; }",
    "iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; background: transparent; }",
    ".fallback { position: absolute; left: 12px; right: 12px; bottom: 12px; padding: 12px 14px; border-radius: 10px; background: #fff; color: #18181b;",
    "  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2); }",
    ".fallback[hidden] { display: none; }",
    ".fallback a { color: #1d4ed8; font-weight: 600; }",
    ".sentinel { position: fixed; width: 1px; height: 1px; overflow: hidden; }",
    "@media (prefers-color-scheme: dark) {",
    "  .panel { background: #09090b; color: #f4f4f5; } .bar { background: #18181b; border-color: #27272a; } .where, .loading { color: #a1a1aa; }",
    "  .fallback { background: #27272a; color: #f4f4f5; } .fallback a { color: #93c5fd; }",
    "  .close { background: #27272a; color: #f4f4f5; border-color: #3f3f46; } .close:hover { background: #3f3f46; } }",
    "@media (prefers-reduced-motion: no-preference) { .panel { animation: rise 160ms ease-out; } }",
    "@keyframes rise { from { opacity: 0; transform: translateY(12px); } }",
  ].join("\n");

  /** The URL to frame (with embed=1), or null when it is not a payment page of this app. */
  function checkoutUrl(raw) {
    var url;
    try {
      url = new URL(raw, location.href);
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES2017 has no `catch {}`
    } catch (invalid) {
      return null; // not a URL at all
    }
    if (url.origin !== APP_ORIGIN || !PAYMENT_PATH.test(url.pathname)) return null;
    url.searchParams.set("embed", "1");
    return url.toString();
  }

  function text(value) {
    return typeof value === "string" ? value : null;
  }

  function el(tag, className, attrs) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    return node;
  }

  /**
   * Opens a checkout in the overlay. `url` is a /pay, /l or /s URL of this app.
   * Returns { close() }; options.onEvent(detail) hears every event, as does the window's
   * "bitfinex-checkout" event.
   */
  function open(rawUrl, options) {
    var src = checkoutUrl(rawUrl);
    if (!src) throw new Error("BitfinexCheckout: not a checkout URL of " + APP_ORIGIN + ": " + rawUrl);
    if (current) current.close();
    var onEvent = options && typeof options.onEvent === "function" ? options.onEvent : null;
    var opener = (options && options.opener) || document.activeElement;
    var known = { checkoutId: null, orderId: null, state: null };
    var seen = {};
    var closed = false;

    function emit(type) {
      var detail = { type: type, checkoutId: known.checkoutId, orderId: known.orderId, state: known.state };
      if (onEvent) {
        try {
          onEvent(detail);
        } catch (e) {
          setTimeout(function () {
            throw e; // reported, without stopping the overlay
          });
        }
      }
      window.dispatchEvent(new CustomEvent("bitfinex-checkout", { detail: detail }));
    }

    // Built in a shadow root: <div host> → backdrop → dialog panel → [bar: host name, Close] + iframe.
    var host = el("div", "", { "data-bitfinex-checkout-overlay": "" });
    var root = host.attachShadow({ mode: "open" });
    var style = el("style");
    style.textContent = STYLE;
    var backdrop = el("div", "backdrop");
    var panel = el("div", "panel", { role: "dialog", "aria-modal": "true", "aria-label": "Checkout" });
    var bar = el("div", "bar");
    var hostName = el("span", "where");
    // Where the customer pays: the checkout's own host, beside a padlock.
    hostName.innerHTML =
      '<svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12"><rect x="2" y="5" width="8" height="6" rx="1.5" fill="currentColor"/><path d="M4 5V3.5a2 2 0 0 1 4 0V5" fill="none" stroke="currentColor" stroke-width="1.4"/></svg>';
    hostName.appendChild(document.createTextNode(new URL(APP_ORIGIN).host));
    var closeButton = el("button", "close", { type: "button" });
    closeButton.innerHTML =
      '<svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14"><path d="M2 2l10 10M12 2L2 12" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
    closeButton.appendChild(document.createTextNode("Close"));
    var body = el("div", "body");
    var loading = el("div", "loading", { "aria-hidden": "true" });
    loading.textContent = "Loading checkout\u2026";
    var frame = el("iframe", "", { title: "Checkout", src: src, allow: "clipboard-write" });
    // A checkout that never speaks (this page's origin not allowed to frame it, so the browser
    // blocked it; or no referrer to tell it who we are) still gets paid in a tab of its own.
    var fallback = el("p", "fallback", { role: "status", hidden: "" });
    var fallbackLink = el("a", "", {
      href: new URL(rawUrl, location.href).toString(),
      target: "_blank",
      rel: "noopener",
    });
    fallbackLink.textContent = "Open it in a new tab";
    fallback.appendChild(document.createTextNode("Checkout not showing? "));
    fallback.appendChild(fallbackLink);
    function showFallback() {
      fallback.hidden = false;
    }
    var fallbackTimer = setTimeout(showFallback, 15000);
    frame.addEventListener("load", function () {
      clearTimeout(fallbackTimer);
      fallbackTimer = setTimeout(showFallback, 5000);
    });
    // Focus cannot leave the dialog: Tab past either end comes back in.
    var before = el("div", "sentinel", { tabindex: "0" });
    var after = el("div", "sentinel", { tabindex: "0" });
    before.addEventListener("focus", function () {
      frame.focus();
    });
    after.addEventListener("focus", function () {
      closeButton.focus();
    });
    bar.appendChild(hostName);
    bar.appendChild(closeButton);
    body.appendChild(loading);
    body.appendChild(frame);
    body.appendChild(fallback);
    panel.appendChild(bar);
    panel.appendChild(body);
    backdrop.appendChild(before);
    backdrop.appendChild(panel);
    backdrop.appendChild(after);
    root.appendChild(style);
    root.appendChild(backdrop);

    // The page behind: out of reach of keyboard and screen readers, and it does not scroll.
    var madeInert = [];
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (!child.hasAttribute("inert") && child.tagName !== "SCRIPT") {
        child.setAttribute("inert", "");
        madeInert.push(child);
      }
    });
    var html = document.documentElement;
    var saved = {
      overflow: html.style.overflow,
      bodyOverflow: document.body.style.overflow,
      paddingRight: document.body.style.paddingRight,
    };
    var scrollbar = window.innerWidth - html.clientWidth;
    html.style.overflow = "hidden";
    document.body.style.overflow = "hidden";
    if (scrollbar > 0) document.body.style.paddingRight = scrollbar + "px"; // no jump when the scrollbar goes

    function onMessage(event) {
      // Only this app's origin, and only our own frame: a message from any other window (the
      // page itself, another frame, a popup) is not believed, whatever it says.
      if (event.origin !== APP_ORIGIN || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== "object" || data.source !== SOURCE) return;
      clearTimeout(fallbackTimer);
      fallback.hidden = true;
      if (data.type === "close") return close();
      if (!RELAYED[data.type]) return;
      known.checkoutId = text(data.checkoutId) || known.checkoutId;
      known.orderId = text(data.orderId) || known.orderId;
      known.state = text(data.state) || known.state;
      var key = data.type + ":" + known.checkoutId;
      if (seen[key]) return;
      seen[key] = true;
      emit(data.type);
    }

    function onKey(event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      }
    }

    function close() {
      if (closed) return;
      closed = true;
      clearTimeout(fallbackTimer);
      window.removeEventListener("message", onMessage);
      document.removeEventListener("keydown", onKey, true);
      if (host.parentNode) host.parentNode.removeChild(host);
      madeInert.forEach(function (child) {
        child.removeAttribute("inert");
      });
      html.style.overflow = saved.overflow;
      document.body.style.overflow = saved.bodyOverflow;
      document.body.style.paddingRight = saved.paddingRight;
      if (current === handle) current = null;
      if (opener && typeof opener.focus === "function" && document.contains(opener)) opener.focus();
      emit("closed");
    }

    closeButton.addEventListener("click", close);
    window.addEventListener("message", onMessage);
    document.addEventListener("keydown", onKey, true);
    document.body.appendChild(host);
    closeButton.focus();

    var handle = { close: close };
    current = handle;
    return handle;
  }

  // Links and buttons marked data-bitfinex-checkout open the overlay instead of navigating.
  document.addEventListener("click", function (event) {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    var target = event.target instanceof Element ? event.target.closest("[" + ATTRIBUTE + "]") : null;
    if (!target) return;
    var url = target.getAttribute(ATTRIBUTE) || target.getAttribute("href");
    if (!url || !checkoutUrl(url)) return; // not ours: let the link do what links do
    event.preventDefault();
    open(url, { opener: target });
  });

  window.BitfinexCheckout = {
    open: function (url, options) {
      return open(url, options);
    },
    /** Closes the open overlay, if any. */
    close: function () {
      if (current) current.close();
    },
  };
})();
