import { useEffect, useState } from "preact/hooks";
import { type Problem, problemOf } from "./api.ts";

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | null;
  loading: boolean;
  reload(): void;
}

/** What a page shows comes from one call, made again when `deps` change or on `reload()`. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; problem: Problem | null; loading: boolean }>({
    data: undefined,
    problem: null,
    loading: true,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, problem: null, loading: false }),
      (error: unknown) => current && setState({ data: undefined, problem: problemOf(error), loading: false }),
    );
    // An answer to an older request (the site changed meanwhile) must not overwrite the newer one.
    return () => {
      current = false;
    };
  }, [...deps, version]);
  return { ...state, reload: () => setVersion((n) => n + 1) };
}
