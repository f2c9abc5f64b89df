// The whole hostile-input corpus, grouped by endpoint.
import { dashboard } from "./dashboard";
import { links } from "./links";
import { merchantCheckouts } from "./merchant-checkouts";
import { merchantLinks } from "./merchant-links";
import { merchantWebhook } from "./merchant-webhook";
import { publicCheckout } from "./public-checkout";
import { refunds } from "./refunds";
import { sandboxAndDemo } from "./sandbox-demo";
import { scopes } from "./scopes";
import type { Endpoint } from "./types";

export type { Endpoint, HostileCase } from "./types";

export const CORPUS: Endpoint[] = [
  ...merchantCheckouts,
  ...refunds,
  ...merchantLinks,
  ...merchantWebhook,
  ...scopes,
  ...publicCheckout,
  ...links,
  ...dashboard,
  ...sandboxAndDemo,
];
