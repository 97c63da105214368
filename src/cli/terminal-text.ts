/** Text from user files (network names, paths, error messages) on its way to a terminal: no control sequences. */
export function sanitize(text: string, max = 500): string {
  // C0/C1 controls (escape sequences, carriage returns, backspaces) and bidirectional overrides become "?".
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "?");
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
