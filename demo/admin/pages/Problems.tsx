import type { Problem } from "../../../server/contract/index.ts";
import { siteHref } from "../state.ts";

/** What the server can see is wrong, each with a link to where it is fixed. */
export function Problems({ problems, siteId }: { problems: Problem[]; siteId: string }) {
  return (
    <section aria-labelledby="problems-title">
      <h3 id="problems-title">Problems</h3>
      {problems.length === 0 ? (
        <p>No problem the server can see.</p>
      ) : (
        <ul class="plain problems">
          {problems.map((problem) => (
            <li key={problem.code + problem.message} data-code={problem.code}>
              <span class="error">{problem.message}</span>{" "}
              <a href={siteHref(siteId, problem.fix.section, problem.fix.item ?? undefined)}>
                {problem.fix.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
