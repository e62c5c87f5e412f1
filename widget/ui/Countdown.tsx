import { useEffect, useState } from "preact/hooks";
import { fill, formatRemaining, type Strings } from "../i18n/index.ts";

/** Time left on the offer, once a second; calls `onExpire` when it runs out. */
export function Countdown(props: {
  expiresAt: string;
  strings: Strings;
  now: () => number;
  onExpire: () => void;
}) {
  const end = Date.parse(props.expiresAt);
  const [left, setLeft] = useState(end - props.now());
  useEffect(() => {
    const timer = setInterval(() => {
      const remaining = end - props.now();
      setLeft(remaining);
      if (remaining <= 0) {
        clearInterval(timer);
        props.onExpire();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [end]);
  // Read by screen readers on demand, not announced every second.
  return (
    <p class="muted" role="timer" aria-live="off">
      {fill(props.strings.endsIn, { time: formatRemaining(left) })}
    </p>
  );
}
