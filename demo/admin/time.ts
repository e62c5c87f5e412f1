/** A moment as the cockpit's tables show it: the date and time, to the second, in the reader's zone. */
export const when = (iso: string): string =>
  new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" });
