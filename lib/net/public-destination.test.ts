/**
 * Live-mode destinations: public unicast addresses only. Every special-purpose range is refused,
 * in IPv4, IPv6 and IPv4 written as IPv6 (mapped, NAT64, 6to4, …); a host name is refused when
 * any of its addresses is.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isPublicAddress, publicOnlyLookup, staticHostProblem } from "./public-destination";

describe("notification destinations", () => {
  it("refuses every non-public range and allows public addresses", () => {
    const refused = [
      "127.0.0.1",
      "127.255.255.254",
      "10.0.0.1",
      "10.255.255.255",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "0.1.2.3",
      "100.64.0.1",
      "100.127.255.255",
      "224.0.0.1",
      "255.255.255.255",
      "198.18.0.1",
      "::1",
      "::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "fe80::1%eth0",
      "febf::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "::ffff:a9fe:a9fe",
      "64:ff9b::10.1.2.3",
      "::127.0.0.1",
      "not an ip",
      "",
    ];
    for (const ip of refused) assert.equal(isPublicAddress(ip), false, ip);
    const allowed = [
      "1.1.1.1",
      "8.8.8.8",
      "172.15.255.255",
      "172.32.0.1",
      "100.63.255.255",
      "100.128.0.1",
      "11.0.0.1",
      "2606:4700:4700::1111",
      "2001:db9::1",
      "::ffff:8.8.8.8",
      "64:ff9b::8.8.8.8",
    ];
    for (const ip of allowed) assert.equal(isPublicAddress(ip), true, ip);
  });

  it("refuses 169.254.169.254 (cloud metadata) in every IPv6 form that embeds it", () => {
    const metadata = [
      "::ffff:169.254.169.254", // IPv4-mapped
      "64:ff9b::169.254.169.254", // NAT64, well-known prefix (RFC 6052)
      "64:ff9b::a9fe:a9fe", // the same, in hex
      "64:ff9b:1::a9fe:a9fe", // NAT64, local-use prefix (RFC 8215)
      "64:ff9b:1:a9fe:a9:fe00::", // local-use prefix, /48 layout
      "2002:a9fe:a9fe::1", // 6to4 (RFC 3056)
      "::ffff:0:a9fe:a9fe", // IPv4-translated (RFC 6145)
      "::169.254.169.254", // IPv4-compatible (deprecated)
      "2001:0:4136:e378:8000:63bf:5601:5601", // Teredo
    ];
    for (const ip of metadata) assert.equal(isPublicAddress(ip), false, ip);
  });

  it("refuses every special-purpose IPv4 and IPv6 range (IANA's registries)", () => {
    const refused = [
      "192.0.0.8",
      "192.0.2.1",
      "198.51.100.7",
      "203.0.113.9",
      "192.88.99.1",
      "192.31.196.1",
      "192.52.193.1",
      "240.0.0.1",
      "233.252.0.1",
      "fec0::1",
      "feff::1",
      "100::1",
      "2001:db8::1",
      "3fff::1",
      "5f00::1",
      "2001:2::1",
      "2001:10::1",
      "2001:20::1",
      "2001:1::1",
      "2001:4:112::1",
      "2620:4f:8000::1",
      "2002:808:808::1",
      "64:ff9b:1::808:808",
      // Outside the global unicast block 2000::/3: not handed out for the internet.
      "64:ff9b:2::1",
      "4000::1",
      "1fff::1",
    ];
    for (const ip of refused) assert.equal(isPublicAddress(ip), false, ip);
    // Just outside those ranges: public.
    for (const ip of ["192.0.1.1", "198.51.99.1", "2001:200::1", "2a00:1450::1", "3ffe:ffff::1"])
      assert.equal(isPublicAddress(ip), true, ip);
  });

  it("a host name resolving to loopback is refused by the connection's lookup", async () => {
    const result = await new Promise<{ err: NodeJS.ErrnoException | null }>((resolve) =>
      publicOnlyLookup("localhost", { all: true }, (err) => resolve({ err })),
    );
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
