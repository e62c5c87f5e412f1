import { expect } from "vitest";
import { ErrorEnvelope } from "../../server/contract/index.ts";

/**
 * The error of an answer, checked against the contract's envelope: `{ error: { code, message, fields? } }`
 * and nothing else beside it.
 */
export async function envelopeOf(
  response: Response,
): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  const body = await response.json();
  expect(Object.keys(body)).toEqual(["error"]);
  const { error } = ErrorEnvelope.parse(body);
  expect(error.message.length).toBeGreaterThan(0);
  return error;
}
