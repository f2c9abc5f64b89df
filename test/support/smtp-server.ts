/**
 * Test-only: a real SMTP server on 127.0.0.1 (smtp-server, the maintained Nodemailer server
 * library) that parses every message it accepts with mailparser, and can be taken down and
 * brought back on the same port.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtp {
  url: string;
  port: number;
  received: ParsedMail[];
  /** Resolves when `n` messages have arrived (bounded by `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** On `port` (0: any free one). */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const waiters: Array<() => void> = [];
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            received.push(mail);
            for (const w of waiters.splice(0)) w();
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
    });
  const bound = await listen(port);
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    received,
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${n} messages, got ${received.length}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received;
    },
    down: close,
    async up() {
      server = make();
      await listen(bound);
    },
    close,
  };
}
