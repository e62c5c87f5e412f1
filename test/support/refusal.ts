import { AppError } from "../../server/errors.ts";

/** The AppError a call throws; anything else (or no error at all) fails the test. */
export function refusal(run: () => unknown, what = "the delivery"): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${what} to be refused, but it was accepted`);
}
