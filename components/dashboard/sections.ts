// The dashboard's sections, in the order the navigation shows them (a plain module: the server
// layout filters them by role, the client navigation renders them).
export const SECTIONS = [
  ["/dashboard", "Overview"],
  ["/dashboard/checkouts", "Checkouts"],
  ["/dashboard/links", "Payment links"],
  ["/dashboard/pos", "Point of sale"],
  ["/dashboard/webhooks", "Webhooks"],
  ["/dashboard/api-keys", "API keys"],
  ["/dashboard/woocommerce", "WooCommerce"],
  ["/dashboard/settings", "Settings"],
  ["/dashboard/users", "Users"],
  ["/dashboard/audit", "Audit log"],
  ["/dashboard/health", "Health"],
] as const;
