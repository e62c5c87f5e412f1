import type { Destination } from "./destination.ts";
import { requestTo } from "./request.ts";

/**
 * POSTs to a destination that was checked (see `request.ts`: the checked address, no redirect, a deadline).
 * Answers the status; the body is read and dropped.
 */
export async function postTo(
  destination: Destination,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<{ status: number }> {
  const { status } = await requestTo(destination, {
    method: "POST",
    headers,
    body,
    timeoutMs,
    maxBytes: 0,
  });
  return { status };
}
