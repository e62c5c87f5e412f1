import type { ComponentChildren } from "preact";

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

/** Why the list did not load (a deletion says its own outcome: components/Deletion.tsx). */
export function ListProblems(props: { load: { message: string } | null | undefined }) {
  return props.load ? <p class="error banner">{props.load.message}</p> : null;
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
