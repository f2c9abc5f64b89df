// Test-only: a dashboard user's second factor set up over the dashboard API, and codes from it as an
// authenticator app would show them. Each code is good once, so `next` hands out codes of
// successive time steps, never an earlier one than the last (the app accepts ±1 step of drift).
import { expect } from "@playwright/test";
import * as OTPAuth from "otpauth";

export class Authenticator {
  private last = -Infinity;
  constructor(readonly secret: string) {}

  /** A code not used before: the current step's, or the next one's when the current was used. */
  next(): string {
    const now = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(now - 1, this.last + 1);
    if (step > now + 1) throw new Error("more than three codes asked for within one 30 s step");
    this.last = step;
    return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(this.secret) }).generate({ timestamp: step * 30_000 });
  }
}

export async function enrolTotp(
  baseURL: string,
  cookie: string,
): Promise<{ app: Authenticator; recoveryCodes: string[] }> {
  const post = (body: unknown) =>
    fetch(`${baseURL}/api/dashboard/account/totp`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "same-origin", "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const start = await post({ action: "start" });
  expect(start.status).toBe(200);
  const app = new Authenticator((await start.json()).secret);
  const confirm = await post({ action: "confirm", code: app.next() });
  expect(confirm.status).toBe(200);
  return { app, recoveryCodes: (await confirm.json()).recoveryCodes };
}
