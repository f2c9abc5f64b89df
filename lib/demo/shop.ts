/**
 * The demo shop (/demo, sandbox mode only): two products and the checkout its "Buy" makes, on
 * the server, as a merchant's backend would through the API.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { createCheckout } from "../checkouts/create";
import type { CheckoutDeps } from "../checkouts/deps";
import { checkoutInputSchema } from "../checkouts/validation";
import { ApiError } from "../errors/api-error";
import { checkoutDefaults, readSettings } from "../settings/merchant-settings";

export interface DemoProduct {
  id: string;
  name: string;
  description: string;
  price: string;
  currency: string;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    id: "mug",
    name: "Ceramic mug",
    description: "Stoneware, 350 ml, glazed by hand.",
    price: "12.00",
    currency: "USD",
  },
  {
    id: "beans",
    name: "Coffee beans, 1 kg",
    description: "Medium roast from Huila, Colombia.",
    price: "24.50",
    currency: "USD",
  },
];

export async function createDemoCheckout(
  deps: CheckoutDeps,
  productId: string,
  beforeCreate?: () => void | Promise<void>,
) {
  const product = DEMO_PRODUCTS.find((p) => p.id === productId);
  if (!product)
    throw new ApiError({
      code: "invalid_field",
      message: "product: must be one of the demo shop's products",
      field: "product",
    });
  await beforeCreate?.();
  const input = checkoutInputSchema(deps.mode, checkoutDefaults(await readSettings(deps.db))).parse({
    amount: product.price,
    currency: product.currency,
    orderId: `DEMO-${randomBytes(4).toString("hex").toUpperCase()}`,
    description: product.name,
  });
  const { checkout } = await createCheckout(deps, input, { source: "api" });
  return checkout;
}
