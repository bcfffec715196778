/** Every matrix row, one import per route family. */
import { AUTH_ROWS, CLIENT_ROWS } from "./rows-clients.js";
import type { MatrixRow } from "./rows.js";

export const MATRIX_ROWS: MatrixRow[] = [...AUTH_ROWS, ...CLIENT_ROWS];
