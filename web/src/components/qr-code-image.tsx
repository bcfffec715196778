/** A QR code drawn as SVG in the browser: dark modules on white, with the standard's quiet zone. */
import { useMemo } from "react";
import { qrMatrix } from "../lib/qr-code";

const QUIET = 4;

export function QrCodeImage({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, extent } = useMemo(() => {
    const matrix = qrMatrix(text);
    const parts: string[] = [];
    matrix.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) parts.push(`M${x + QUIET} ${y + QUIET}h1v1h-1z`);
      }),
    );
    return { path: parts.join(""), extent: matrix.length + QUIET * 2 };
  }, [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${extent} ${extent}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
