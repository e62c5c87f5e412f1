import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { StatsPeriod } from "../../../server/contract/index.ts";
import { exportHref, type Stats as Figures, problemOf, useApi } from "../api.ts";
import { COUNTS, DayChart, everyDay, moneySeries } from "../components/Chart.tsx";
import { FormMessage, TextField } from "../components/Field.tsx";
import { Amounts, count, FiguresTable, percent } from "../components/Figures.tsx";
import { useForm } from "../components/form.ts";
import { formatMoney } from "../money.ts";
import { ShownOrders } from "./ShownOrders.tsx";

const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last 30 days, today included (in UTC, as the server counts days). */
export function lastThirtyDays(now = Date.now()): { from: string; to: string } {
  return { from: day(now - 29 * 86_400_000), to: day(now) };
}

function Total({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Totals({ stats }: { stats: Figures }) {
  const { totals, revenue } = stats;
  return (
    <dl class="totals">
      <Total label="Offers shown">{count.format(totals.shown)}</Total>
      <Total label="Accepted">{count.format(totals.accepted)}</Total>
      <Total label="Declined">{count.format(totals.declined)}</Total>
      <Total label="Accept rate">{percent.format(totals.acceptRate)}</Total>
      <Total label="Orders shown an offer">{count.format(totals.orders)}</Total>
      <Total label="Revenue added (paid, net of refunds)">
        <Amounts revenue={revenue} amount="paid" />
      </Total>
      <Total label="Pending">
        <Amounts revenue={revenue} amount="pending" />
      </Total>
      <Total label="Refunded">
        <Amounts revenue={revenue} amount="refunded" />
      </Total>
      <Total label="Revenue per offer shown">
        <Amounts revenue={revenue} amount="perShown" />
      </Total>
      <Total label="Revenue added per order">
        <Amounts
          revenue={revenue.map((money) => ({ ...money, perShown: money.perOrder }))}
          amount="perShown"
        />
      </Total>
    </dl>
  );
}

/** The figures per day, for anyone who cannot see the charts. */
function DayTable({ days, currencies }: { days: Figures["days"]; currencies: string[] }) {
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">Day</th>
          {["Shown", "Accepted", "Declined", "Revenue added"].map((name) => (
            <th key={name} scope="col" class="number">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {days.map((row) => (
          <tr key={row.day}>
            <th scope="row">{row.day}</th>
            <td class="number" data-label="Shown">
              {row.shown}
            </td>
            <td class="number" data-label="Accepted">
              {row.accepted}
            </td>
            <td class="number" data-label="Declined">
              {row.declined}
            </td>
            <td class="number" data-label="Revenue added">
              <Amounts
                revenue={currencies.map(
                  (currency) =>
                    row.revenue.find((money) => money.currency === currency) ?? {
                      currency,
                      paid: 0,
                      pending: 0,
                      refunded: 0,
                      perShown: 0,
                    },
                )}
                amount="paid"
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Report({ stats, siteId }: { stats: Figures; siteId: string }) {
  const days = everyDay(stats.from, stats.to, stats.days);
  const currencies = stats.revenue.map((money) => money.currency);
  const period = `${stats.from} to ${stats.to}`;
  return (
    <>
      <p class="downloads">
        Download, {period}:{" "}
        <a href={exportHref(siteId, "figures", stats.from, stats.to)} download>
          the figures (CSV)
        </a>{" "}
        ·{" "}
        <a href={exportHref(siteId, "orders", stats.from, stats.to)} download>
          the order list (CSV)
        </a>
      </p>
      <Totals stats={stats} />
      <h3>Over time</h3>
      <DayChart
        days={days}
        series={COUNTS}
        title={`Offers shown, accepted and declined per day, ${period}`}
      />
      {currencies.map((currency) => (
        <DayChart
          key={currency}
          days={days}
          series={moneySeries(currency)}
          format={(minor) => formatMoney(minor, currency)}
          title={`Revenue in ${currency} per day, paid and pending, ${period}`}
        />
      ))}
      <details>
        <summary>The figures per day</summary>
        <DayTable days={days} currencies={currencies} />
      </details>
      {stats.steps.length > 0 && (
        <FiguresTable
          caption={`Per funnel step, ${period}`}
          heading="Step"
          rows={stats.steps}
          keyOf={(row) => String(row.step)}
          nameOf={(row) => (row.step === 1 ? "1: the first offer" : `${row.step}: after an answer`)}
        />
      )}
      {stats.offers.length === 0 ? (
        <p>No offer was shown in this period.</p>
      ) : (
        <FiguresTable
          caption={`Per offer, ${period}`}
          heading="Offer"
          rows={stats.offers}
          keyOf={(row) => row.offerId}
          nameOf={(row) => row.name}
        />
      )}
      <ShownOrders key={period} siteId={siteId} from={stats.from} to={stats.to} />
    </>
  );
}

/** What the offers earned over a chosen period: totals, charts, per step, per offer and per order, and exports. */
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
      {stats && <Report stats={stats} siteId={siteId} />}
    </section>
  );
}
