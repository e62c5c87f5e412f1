import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { problemOf } from "../api.ts";

/** A row's Edit link and Delete button, each naming the row for screen readers. */
export function RowActions(props: { name: string; editHref: string; onDelete(): void }) {
  return (
    <td class="actions">
      <a href={props.editHref}>
        Edit<span class="sr"> {props.name}</span>
      </a>{" "}
      <button type="button" class="link" onClick={props.onDelete}>
        Delete<span class="sr"> {props.name}</span>
      </button>
    </td>
  );
}

/**
 * Deleting an item of a list: the list is reloaded after, and a refusal is kept to show, named by the item,
 * so the operator knows which one the server would not let go.
 */
export function useRemove<T extends { name: string }>(
  del: (item: T) => Promise<unknown>,
  reload: () => void,
) {
  const [problem, setProblem] = useState("");
  const remove = async (item: T) => {
    try {
      await del(item);
      setProblem("");
      reload();
    } catch (error) {
      setProblem(`${item.name}: ${problemOf(error).message}`);
    }
  };
  return { problem, remove };
}

/** Why the list did not load, and why the last deletion was refused (announced, as it follows a click). */
export function ListProblems(props: { load: { message: string } | null | undefined; remove: string }) {
  return (
    <>
      {props.load && <p class="error banner">{props.load.message}</p>}
      {props.remove && (
        <p class="error banner" role="alert">
          {props.remove}
        </p>
      )}
    </>
  );
}

/** The form for a new item or the one being edited, under a heading that names which. */
export function EditorSection(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="editor" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.title}</h3>
      {props.children}
    </section>
  );
}
