/** Number formatting for human-readable CLI output (thousands separators, fixed significant decimals). */
export function fmt(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString("en-US", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}
