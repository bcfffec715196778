/**
 * A batch of a few hundred entries across clients, priced through the domain's one money path,
 * for the file writers' tests (and fixtures): names with odd spacing, colons and accents.
 */
import { expenseAmount, timeAmount } from "../domain/money.js";
import type { ExportBatch } from "../accounting/export-batch.js";

export function sampleBatch(entries = 300): ExportBatch {
  const workers = [
    { id: "s1", name: "Mia Chen", kind: "employee" as const },
    { id: "s2", name: "José Álvarez", kind: "employee" as const },
    { id: "s3", name: "Contract Help LLC", kind: "vendor" as const },
  ];
  const customers = [
    { id: "c1", name: "Acme Ltd", fullName: "Acme Ltd", parentId: null, code: "ACME" },
    { id: "c2", name: "Globex  Corp", fullName: "Globex Corp", parentId: null, code: "GLOBEX" },
    { id: "c3", name: "Ørsted & Søn", fullName: "Ørsted & Søn", parentId: null, code: "ORSTED" },
    { id: "p1", name: "Audit 2026", fullName: "Acme Ltd:Audit 2026", parentId: "c1", code: "ACME-AUD" },
  ];
  const items = [
    { id: "w1", name: "Tax return", kind: "service" as const },
    { id: "w2", name: "Bookkeeping: monthly", kind: "service" as const },
  ];
  const time: ExportBatch["time"] = [];
  const expenses: ExportBatch["expenses"] = [];
  for (let n = 0; n < entries; n += 1) {
    const client = customers[n % 3]!;
    const minutes = n % 17 === 0 ? 26 * 60 + 6 : 6 * ((n % 40) + 1); // some days longer than 23:59
    const rate = 1_250_000 + (n % 7) * 12_345; // 125.0000 + odd ten-thousandths
    const onJob = client.id === "c1" && n % 2 === 0;
    time.push({
      id: `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`,
      date: `2026-0${(n % 9) + 1}-${String((n % 27) + 1).padStart(2, "0")}`,
      workerId: workers[n % 3]!.id,
      customerId: onJob ? "p1" : client.id,
      clientId: client.id,
      itemId: items[n % 2]!.id,
      minutes,
      rate,
      amount: timeAmount(rate, minutes, 2),
      billable: n % 5 !== 0,
      description: n % 11 === 0 ? 'Reviewed "draft"\twith\nclient; follow-up | next' : `Work item ${n}`,
    });
    if (n % 4 === 0) {
      expenses.push({
        id: `0190b000-0000-7000-8000-${String(n).padStart(12, "0")}`,
        date: `2026-0${(n % 9) + 1}-15`,
        workerId: workers[n % 2]!.id,
        customerId: client.id,
        clientId: client.id,
        itemId: null,
        accountName: "Reimbursable Expenses",
        amount: expenseAmount(1_000 + (n % 3) * 500, 1_234_500 + n, 1_000, 2),
        billable: true,
        description: `Mileage ${n}`,
      });
    }
  }
  return {
    firm: { name: "Harbor & Pine CPAs", currency: "USD", minorDigits: 2 },
    workers,
    customers,
    items,
    time,
    expenses,
  };
}
