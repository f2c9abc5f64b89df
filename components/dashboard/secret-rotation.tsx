"use client";
import { ActionButton } from "./action-button";

export function SecretRotation() {
  return (
    <ActionButton
      action="/api/dashboard/webhook/secret"
      label="Rotate"
      confirm="Make a new signing secret? The current one stops working at once: update your endpoint right after."
    />
  );
}
