// The copy buttons beside the amount, address and invoice: the value to the clipboard, "Copied" on
// the button and in a status region a screen reader announces, for two seconds.
const timers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

export async function copyFrom(button: HTMLButtonElement): Promise<void> {
  const field = button.closest("[data-copy-field]");
  const output = field?.querySelector("[data-copy-value]");
  if (!field || !output) return;
  try {
    await navigator.clipboard.writeText(output.textContent ?? "");
  } catch {
    // Older browsers or denied permission: select the text so the customer can copy it by hand.
    const range = document.createRange();
    range.selectNodeContents(output);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  }
  const announce = field.querySelector("[role=status]");
  button.textContent = button.dataset.copied ?? "";
  if (announce) announce.textContent = button.dataset.copied ?? "";
  clearTimeout(timers.get(button));
  timers.set(
    button,
    setTimeout(() => {
      button.textContent = button.dataset.label ?? "";
      if (announce) announce.textContent = "";
    }, 2000),
  );
}
