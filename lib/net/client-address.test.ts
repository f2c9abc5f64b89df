import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientAddress, clientKey, isPrivatePeer, SOCKET_ADDRESS_HEADER } from "./client-address";

const h = (xff: string | null, socket = "198.51.100.250") => {
  const headers = new Headers({ [SOCKET_ADDRESS_HEADER]: socket });
  if (xff !== null) headers.set("x-forwarded-for", xff);
  return headers;
};

describe("clientAddress", () => {
  it("behind one proxy (TRUST_PROXY=1): the entry the proxy appended, whatever the client wrote to its left", () => {
    assert.equal(clientAddress(h("203.0.113.9"), 1), "203.0.113.9");
    assert.equal(clientAddress(h("1.1.1.1, 2.2.2.2, 203.0.113.9"), 1), "203.0.113.9");
    // Node's object form (next-auth passes a plain object); several header lines are one list.
    assert.equal(clientAddress({ "x-forwarded-for": ["6.6.6.6", "203.0.113.9"] }, 1), "203.0.113.9");
  });

  it("behind two proxies (TRUST_PROXY=2): the second entry from the right", () => {
    assert.equal(clientAddress(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2), "203.0.113.9");
    // Fewer entries than proxies: the leftmost is all there is.
    assert.equal(clientAddress(h("203.0.113.9"), 2), "203.0.113.9");
  });

  it("TRUST_PROXY=0 ignores X-Forwarded-For entirely: the TCP peer the server stamped", () => {
    assert.equal(clientAddress(h("6.6.6.6"), 0), "198.51.100.250");
    assert.equal(clientAddress(h(null, ""), 0), "unknown");
  });

  it("no header at all: the stamped peer, else unknown", () => {
    assert.equal(clientAddress(h(null), 1), "198.51.100.250");
    assert.equal(clientAddress(undefined, 1), "unknown");
  });
});

describe("clientAddress with TRUST_PROXY unset (auto)", () => {
  it("a public peer is its own address, whatever X-Forwarded-For it made up", () => {
    // The review's attack: a locked-out client rotating made-up headers straight at the app.
    for (const made of ["1.2.3.4", "10.0.0.1", "127.0.0.1", "9.9.9.9, 8.8.8.8", "garbage"])
      assert.equal(clientAddress(h(made, "198.51.100.250"), "auto"), "198.51.100.250");
    assert.equal(clientAddress(h("1.2.3.4", "2001:db8::7"), "auto"), "2001:db8::7");
    assert.equal(clientAddress(h("1.2.3.4", "::ffff:198.51.100.250"), "auto"), "::ffff:198.51.100.250");
  });

  it("a loopback or private peer (a proxy beside the app) is believed for one hop", () => {
    for (const peer of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "fd00::5"])
      assert.equal(clientAddress(h("6.6.6.6, 203.0.113.9", peer), "auto"), "203.0.113.9", peer);
    // No header from the proxy: the peer itself.
    assert.equal(clientAddress(h(null, "127.0.0.1"), "auto"), "127.0.0.1");
  });

  it("no stamped peer: nothing is believed", () => {
    assert.equal(clientAddress(h("203.0.113.9", ""), "auto"), "unknown");
    assert.equal(clientAddress(undefined, "auto"), "unknown");
  });

  it("isPrivatePeer: loopback, RFC 1918 and unique-local only", () => {
    for (const a of [
      "127.0.0.1",
      "127.8.0.1",
      "::1",
      "10.0.0.1",
      "172.31.255.255",
      "192.168.0.1",
      "fc00::1",
      "::ffff:10.0.0.1",
    ])
      assert.equal(isPrivatePeer(a), true, a);
    for (const a of ["172.32.0.1", "8.8.8.8", "2001:db8::1", "100.64.0.1", "169.254.1.1", "", "localhost", "unknown"])
      assert.equal(isPrivatePeer(a), false, a);
  });
});

describe("clientKey", () => {
  it("IPv4 as is, IPv4-mapped IPv6 as its IPv4, IPv6 by its /64", () => {
    assert.equal(clientKey("203.0.113.9"), "203.0.113.9");
    assert.equal(clientKey("::ffff:203.0.113.9"), "203.0.113.9");
    assert.equal(clientKey("2001:db8:1:2:3:4:5:6"), "2001:db8:1:2::/64");
    assert.equal(clientKey("2001:0db8:0001:0002:ffff::1"), "2001:db8:1:2::/64");
    assert.equal(clientKey("[2001:db8:1:2::1]:443"), "2001:db8:1:2::/64");
    assert.equal(clientKey("fe80::1%eth0"), "fe80::/64");
    assert.notEqual(clientKey("2001:db8:1:3::1"), clientKey("2001:db8:1:2::1"));
  });

  it("something that is not an address is its own key, capped", () => {
    assert.equal(clientKey("unknown"), "other:unknown");
    assert.equal(clientKey("x".repeat(500)).length, "other:".length + 64);
  });
});
