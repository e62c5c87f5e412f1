import { AppError } from "../errors.ts";

/**
 * Every way of not getting an offer (unknown site or order, wrong key, another browser, a closed window,
 * an origin the site does not allow) is this one answer, so that nothing can be learnt by probing.
 */
export const miss = (): AppError => new AppError("not_found", "There is no offer here.");
