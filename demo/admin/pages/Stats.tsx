import { useEffect, useRef, useState } from "preact/hooks";
import { StatsPeriod } from "../../../server/contract/index.ts";
import { type Stats as Figures, problemOf, useApi } from "../api.ts";
import { DayChart, everyDay } from "../components/Chart.tsx";
import { FormMessage, TextField } from "../components/Field.tsx";
import { useForm } from "../components/form.ts";
import { formatMoney } from "../money.ts";

const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const count = new Intl.NumberFormat("en");
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last 30 days, today included (in UTC, as the server counts days). */
export function lastThirtyDays(now = Date.now()): { from: string; to: string } {
  return { from: day(now - 29 * 86_400_000), to: day(now) };
}

function Totals({ stats }: { stats: Figures }) {
  const { totals, revenue } = stats;
  return (
    <dl class="totals">
      <div>
        <dt>Offers shown</dt>
        <dd>{count.format(totals.shown)}</dd>
      </div>
      <div>
        <dt>Accepted</dt>
        <dd>{count.format(totals.accepted)}</dd>
      </div>
      <div>
        <dt>Declined</dt>
        <dd>{count.format(totals.declined)}</dd>
      </div>
      <div>
        <dt>Accept rate</dt>
        <dd>{percent.format(totals.acceptRate)}</dd>
      </div>
      <div>
        <dt>Revenue added (paid, net of refunds)</dt>
        <dd>
          {revenue.length === 0
            ? "0"
            : revenue.map((sum) => formatMoney(sum.amount, sum.currency)).join(" + ")}
        </dd>
      </div>
      <div>
        <dt>Pending</dt>
        <dd>
          {revenue.length === 0
            ? "0"
            : revenue.map((sum) => formatMoney(sum.pending, sum.currency)).join(" + ")}
        </dd>
      </div>
      <div>
        <dt>Refunded</dt>
        <dd>
          {revenue.length === 0
            ? "0"
            : revenue.map((sum) => formatMoney(sum.refunded, sum.currency)).join(" + ")}
        </dd>
      </div>
    </dl>
  );
}

/** Column headings for figures, which are right-aligned as their numbers are. */
function NumberHeads({ names }: { names: string[] }) {
  return (
    <>
      {names.map((name) => (
        <th key={name} scope="col" class="number">
          {name}
        </th>
      ))}
    </>
  );
}

function OfferRows({ stats }: { stats: Figures }) {
  if (stats.offers.length === 0) return <p>No offer was shown in this period.</p>;
  return (
    <table>
      <caption>
        Per offer, {stats.from} to {stats.to}
      </caption>
      <thead>
        <tr>
          <th scope="col">Offer</th>
          <NumberHeads
            names={["Shown", "Accepted", "Declined", "Accept rate", "Revenue added", "Pending", "Refunded"]}
          />
        </tr>
      </thead>
      <tbody>
        {stats.offers.map((row) => (
          <tr key={row.offerId}>
            <th scope="row">{row.name}</th>
            <td class="number">{count.format(row.shown)}</td>
            <td class="number">{count.format(row.accepted)}</td>
            <td class="number">{count.format(row.declined)}</td>
            <td class="number">{percent.format(row.acceptRate)}</td>
            {[row.revenue, row.pending, row.refunded].map((amount, i) => (
              <td key={i} class="number">
                {row.currency ? formatMoney(amount, row.currency) : count.format(amount)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What the offers earned over a chosen period: totals, a row per offer, a bar group per day. */
export function Stats({ siteId }: { siteId: string }) {
  const api = useApi();
  const [stats, setStats] = useState<Figures | null>(null);
  const [problem, setProblem] = useState("");
  const initial = lastThirtyDays();
  const form = useForm({
    id: "period",
    schema: StatsPeriod,
    initial,
    read: (draft) => ({ value: draft }),
  });
  // Only the answer to the latest question is shown, whichever answer comes last.
  const latest = useRef(0);
  const load = async (from: string, to: string) => {
    const ticket = ++latest.current;
    const answer = await api.stats(siteId, from, to);
    if (ticket === latest.current) {
      setStats(answer);
      setProblem("");
    }
  };
  const show = form.submit(({ from, to }) => load(from, to));
  useEffect(() => {
    load(initial.from, initial.to).catch((error: unknown) => setProblem(problemOf(error).message));
  }, [siteId]);
  const days = stats ? everyDay(stats.from, stats.to, stats.days) : [];
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">Stats</h2>
      <form class="row period" onSubmit={show} noValidate>
        <TextField form={form} name="from" label="From" input={{ type: "date" }} />
        <TextField form={form} name="to" label="To" input={{ type: "date" }} />
        <button type="submit" disabled={form.busy}>
          Show
        </button>
      </form>
      <FormMessage form={form} />
      {problem && <p class="error banner">{problem}</p>}
      {stats && (
        <>
          <Totals stats={stats} />
          <OfferRows stats={stats} />
          <DayChart
            days={days}
            title={`Offers shown, accepted and declined per day, ${stats.from} to ${stats.to}`}
          />
          <details>
            <summary>The figures per day</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <NumberHeads names={["Shown", "Accepted", "Declined"]} />
                </tr>
              </thead>
              <tbody>
                {days.map((row) => (
                  <tr key={row.day}>
                    <th scope="row">{row.day}</th>
                    <td class="number">{row.shown}</td>
                    <td class="number">{row.accepted}</td>
                    <td class="number">{row.declined}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
