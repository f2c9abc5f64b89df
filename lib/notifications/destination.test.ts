/**
 * Live-mode destinations: public unicast addresses only. Loopback, private, link-local, CGNAT,
 * "this network", multicast and reserved ranges are refused, in IPv4, IPv6 and IPv4 written as
 * IPv6; a host name is refused when any of its addresses is.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPublicAddress, publicOnlyLookup, staticHostProblem } from "./destination";

describe("notification destinations", () => {
  it("refuses every non-public range and allows public addresses", () => {
    const refused = [
      "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.255", "224.0.0.1", "255.255.255.255", "198.18.0.1",
      "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "fe80::1%eth0", "febf::1", "ff02::1",
      "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "64:ff9b::10.1.2.3", "::127.0.0.1",
      "not an ip", "",
    ];
    for (const ip of refused) assert.equal(isPublicAddress(ip), false, ip);
    const allowed = ["1.1.1.1", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1", "2606:4700:4700::1111", "2001:db9::1", "::ffff:8.8.8.8", "64:ff9b::8.8.8.8"];
    for (const ip of allowed) assert.equal(isPublicAddress(ip), true, ip);
  });

  it("a host name resolving to loopback is refused by the connection's lookup", async () => {
    const result = await new Promise<{ err: NodeJS.ErrnoException | null }>((resolve) => publicOnlyLookup("localhost", { all: true }, (err) => resolve({ err })));
    assert.equal(result.err?.code, "destination_not_allowed");
  });

  it("URLs that can never be live destinations are refused before any lookup", () => {
    assert.match(staticHostProblem(new URL("https://localhost/hook"))!, /localhost/);
    assert.match(staticHostProblem(new URL("https://api.localhost/hook"))!, /localhost/);
    assert.match(staticHostProblem(new URL("https://10.1.2.3/hook"))!, /public/);
    assert.match(staticHostProblem(new URL("https://[::1]/hook"))!, /public/);
    assert.match(staticHostProblem(new URL("https://[::ffff:169.254.169.254]/hook"))!, /public/);
    assert.equal(staticHostProblem(new URL("https://shop.example/hook")), null);
    assert.equal(staticHostProblem(new URL("https://8.8.8.8/hook")), null);
  });
});
