/** Record ids are UUIDv7: globally unique, born where the record is born, time-ordered. */
import { v7 } from "uuid";

export const newId = (): string => v7();
