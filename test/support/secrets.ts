import { secretBox } from "../../server/secret-box.ts";

/** The tests' SECRET_KEY: 32 fixed bytes, base64 (a real server makes its own). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

/** The secret box a test server keeps its secrets in. */
export const testBox = () => secretBox(Buffer.from(TEST_SECRET_KEY, "base64"));
