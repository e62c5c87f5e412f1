import { useState } from "preact/hooks";

/** Copies a value (a secret, the snippet) and says so; if the clipboard is refused, says to select it instead. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [said, setSaid] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setSaid("Copied");
    } catch {
      setSaid("Copying was refused: select the text and copy it");
    }
  };
  return (
    <span class="copy">
      <button type="button" class="secondary" onClick={copy} aria-label={label}>
        Copy
      </button>
      <span role="status" class="copied">
        {said}
      </span>
    </span>
  );
}
