/*!
 * BTCPay Server's modal API (window.btcpay), for the BTCPay plugins' front-end code, over this
 * app's payment page. Written for this app from the calls the plugins make; not BTCPay's file.
 *
 *   <script src="https://checkout.example/greenfield/modal/btcpay.js"></script>
 *   window.btcpay.setApiUrlPrefix("https://checkout.example/greenfield");   // the plugin's server URL
 *   window.btcpay.onModalReceiveMessage(function (event) { event.data; });  // "loaded", "close", {invoiceId, status}
 *   window.btcpay.showInvoice("co_…");                                      // opens <prefix>/i/co_…?view=modal
 *   window.btcpay.hideFrame();
 *
 * The page in the frame posts "loaded", then {invoiceId, status} (New, Processing, Settled,
 * Expired, Invalid) whenever the status changes, and "close" when the customer presses Escape;
 * the Close button here closes the overlay and tells the callback "close" too. Only messages from
 * the frame itself, on the prefix's origin, are passed on. The shop's origin must be allowed to
 * frame the checkout (dashboard → Settings → embed origins). Plain ES5, nothing to build.
 */
(function () {
  "use strict";
  if (window.btcpay) return; // included twice

  var script = document.currentScript;
  var SUFFIX = "/modal/btcpay.js";
  var prefix = "";
  if (script && script.src) {
    var src = script.src.split("?")[0];
    prefix = src.slice(-SUFFIX.length) === SUFFIX ? src.slice(0, -SUFFIX.length) : new URL(src).origin;
  }

  var overlay = null;
  var frame = null;
  var onMessage = function () {};
  var onEnter = function () {};
  var onLeave = function () {};

  function strip(url) {
    return String(url).replace(/\/+$/, "");
  }
  function originOf(url) {
    try {
      return new URL(url, location.href).origin;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no `catch {}`
    } catch (e) {
      return null;
    }
  }

  function build() {
    overlay = document.createElement("div");
    overlay.setAttribute("data-btcpay-modal", "");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Payment");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;background:rgba(9,9,11,.6);display:flex;flex-direction:column";
    var bar = document.createElement("div");
    bar.style.cssText = "display:flex;justify-content:flex-end;padding:8px";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.setAttribute("data-btcpay-close", "");
    close.style.cssText =
      "min-height:36px;padding:6px 14px;border:1px solid #d4d4d8;border-radius:8px;background:#fff;color:#18181b;font:600 14px system-ui,sans-serif;cursor:pointer";
    close.addEventListener("click", function () {
      hideFrame();
      onMessage({ data: "close", origin: originOf(prefix), source: null });
    });
    bar.appendChild(close);
    frame = document.createElement("iframe");
    frame.name = "btcpay";
    frame.title = "Payment";
    frame.setAttribute("allow", "clipboard-write");
    frame.style.cssText = "flex:1;width:100%;border:0;background:transparent";
    overlay.appendChild(bar);
    overlay.appendChild(frame);
  }

  function showFrame() {
    if (!overlay) build();
    if (!overlay.parentNode) document.body.appendChild(overlay);
    onEnter();
  }

  function hideFrame() {
    if (!overlay || !overlay.parentNode) return;
    onLeave();
    overlay.parentNode.removeChild(overlay);
    frame.src = "about:blank";
  }

  function showInvoice(invoiceId) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(String(invoiceId))) throw new Error("btcpay.showInvoice: not an invoice id");
    showFrame();
    frame.src = strip(prefix) + "/i/" + encodeURIComponent(invoiceId) + "?view=modal";
  }

  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== originOf(prefix)) return;
    onMessage(event);
    if (event.data === "close") hideFrame();
  });

  window.btcpay = {
    setApiUrlPrefix: function (url) {
      prefix = strip(url);
    },
    showInvoice: showInvoice,
    showFrame: showFrame,
    hideFrame: hideFrame,
    onModalReceiveMessage: function (fn) {
      onMessage = typeof fn === "function" ? fn : function () {};
    },
    onModalWillEnter: function (fn) {
      onEnter = typeof fn === "function" ? fn : function () {};
    },
    onModalWillLeave: function (fn) {
      onLeave = typeof fn === "function" ? fn : function () {};
    },
  };
})();
