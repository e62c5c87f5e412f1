import { Component } from "preact";
import { fill, formatRemaining, type Strings } from "../i18n/index.ts";

interface CountdownProps {
  expiresAt: string;
  strings: Strings;
  now: () => number;
  onExpire: () => void;
}

/**
 * Time left on the offer, redrawn once a second from `now`; once it has run out, calls `onExpire` at every
 * tick until the panel takes the offer away (a decision in flight may still bring the next offer instead).
 */
export class Countdown extends Component<CountdownProps> {
  private timer: ReturnType<typeof setInterval> | undefined;

  override componentDidMount() {
    this.timer = setInterval(() => {
      if (Date.parse(this.props.expiresAt) > this.props.now()) this.forceUpdate();
      else this.props.onExpire();
    }, 1000);
  }

  override componentWillUnmount() {
    clearInterval(this.timer);
  }

  override render() {
    const { expiresAt, strings, now } = this.props;
    // Read by screen readers on demand, not announced every second.
    return (
      <p class="muted" role="timer" aria-live="off">
        {fill(strings.endsIn, { time: formatRemaining(Date.parse(expiresAt) - now()) })}
      </p>
    );
  }
}
