/** Turns a unique-key violation from either engine into the catalogue's DUPLICATE error. */
import { AppError } from "../domain/errors.js";
import { isUniqueViolation } from "./database.js";

export async function uniqueOrDuplicate<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("DUPLICATE", message);
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** References accept an id or a human key (code, number, email); ids look like UUIDs. */
export const looksLikeId = (ref: string): boolean => UUID.test(ref.trim());
