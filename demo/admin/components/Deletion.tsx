import { useEffect, useRef, useState } from "preact/hooks";
import { RESTORE_DAYS } from "../../../server/contract/index.ts";
import { problemOf } from "../api.ts";

export interface Deletable {
  id: string;
  name: string;
}

export interface DeletionSpec<T extends Deletable> {
  /** "product" or "offer": how the questions name it. */
  noun: string;
  remove(item: T): Promise<unknown>;
  restore(item: Deletable): Promise<unknown>;
  /** What else deleting it does, said before anything changes ("“Tank” leads here when declined: …"). */
  consequences?(item: T): string[];
  /** The lists to read again after a deletion or a restore. */
  reload(): void;
}

/**
 * Deleting an item of a list: asked first (with what else it does), then done, then undoable at once from the
 * message that says it was done (and for RESTORE_DAYS days from "Recently deleted"). A refusal says why, named
 * by the item.
 */
export function useDeletion<T extends Deletable>(spec: DeletionSpec<T>) {
  const [asking, setAsking] = useState<T | null>(null);
  const [done, setDone] = useState<Deletable | null>(null);
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<unknown>, after: () => void, about: Deletable) => {
    setBusy(true);
    try {
      await work();
      setProblem("");
      after();
      spec.reload();
    } catch (error) {
      setProblem(`${about.name}: ${problemOf(error).message}`);
    } finally {
      setBusy(false);
    }
  };
  // The question closes either way: on a refusal, the message says why.
  const confirm = (item: T) =>
    act(
      () => spec.remove(item),
      () => setDone(item),
      item,
    ).then(() => setAsking(null));
  const undo = (item: Deletable) =>
    act(
      () => spec.restore(item),
      () => setDone(null),
      item,
    );

  return {
    /** Asks whether to delete this item (nothing changes until the answer). */
    ask(item: T) {
      setProblem("");
      setDone(null);
      setAsking(item);
    },
    /** Brings a deleted item back (from "Recently deleted"). */
    restore: undo,
    view: (
      <>
        {asking && (
          <Confirm
            question={`Delete “${asking.name}”?`}
            consequences={[
              ...(spec.consequences?.(asking) ?? []),
              `Buyers no longer see it. You can restore it for ${RESTORE_DAYS} days, from “Recently deleted”.`,
            ]}
            yes={`Delete the ${spec.noun}`}
            busy={busy}
            onYes={() => void confirm(asking)}
            onNo={() => setAsking(null)}
          />
        )}
        <p role="status" class={done ? "done banner" : "done"}>
          {done && (
            <>
              “{done.name}” was deleted.{" "}
              <button type="button" class="link" disabled={busy} onClick={() => void undo(done)}>
                Undo<span class="sr"> the deletion of “{done.name}”</span>
              </button>
            </>
          )}
        </p>
        {problem && (
          <p class="error banner" role="alert">
            {problem}
          </p>
        )}
      </>
    ),
  };
}

/** A question that must be answered before anything changes; the safe answer has the focus. */
function Confirm(props: {
  question: string;
  consequences: string[];
  yes: string;
  busy: boolean;
  onYes(): void;
  onNo(): void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), [props.question]);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby="confirm-question"
      aria-describedby="confirm-consequences"
      onKeyDown={(event) => event.key === "Escape" && props.onNo()}
    >
      <p id="confirm-question">
        <strong>{props.question}</strong>
      </p>
      <ul id="confirm-consequences">
        {props.consequences.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" class="danger" disabled={props.busy} onClick={props.onYes}>
          {props.busy ? "Deleting…" : props.yes}
        </button>
        <button type="button" class="secondary" ref={keep} onClick={props.onNo}>
          Keep it
        </button>
      </div>
    </div>
  );
}

/** The items deleted lately, each with when it goes for good and a button to bring it back. */
export function RecentlyDeleted(props: {
  items: (Deletable & { deletedAt: string })[];
  restore(item: Deletable): void;
}) {
  if (props.items.length === 0) return null;
  const until = (deletedAt: string) =>
    new Date(Date.parse(deletedAt) + RESTORE_DAYS * 24 * 60 * 60_000).toLocaleDateString("en", {
      day: "numeric",
      month: "long",
      year: "numeric",
    });
  return (
    <details class="recently-deleted">
      <summary>Recently deleted ({props.items.length})</summary>
      <ul>
        {props.items.map((item) => (
          <li key={item.id}>
            “{item.name}”, restorable until {until(item.deletedAt)}{" "}
            <button type="button" class="secondary" onClick={() => props.restore(item)}>
              Restore<span class="sr"> “{item.name}”</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
