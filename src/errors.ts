/**
 * Two kinds of error (style.md §4): a UserError is the user's to fix (bad file, bad option, infeasible
 * budget) and is printed as one line with exit code 2; anything else is a bug (exit 1).
 */
export interface UserErrorLocation {
  /** File the problem is in, if any. */
  file?: string;
  /** JSON pointer (RFC 6901) inside the file, or the option name (e.g. "--power"). */
  pointer?: string;
}

export class UserError extends Error {
  readonly file?: string;
  readonly pointer?: string;
  readonly exitCode = 2;

  constructor(message: string, where: UserErrorLocation = {}) {
    super(message);
    this.name = "UserError";
    this.file = where.file;
    this.pointer = where.pointer;
  }

  /** `file: /pointer: message`, one line. */
  toLine(): string {
    const prefix = [this.file, this.pointer].filter((s): s is string => s !== undefined && s !== "").join(": ");
    const line = prefix ? `${prefix}: ${this.message}` : this.message;
    return line.replace(/\s*\n\s*/g, " ");
  }
}

/** No point of the design space fits the budget; a user error with a specific message. */
export class InfeasibleError extends UserError {
  readonly minimumFeasiblePowerW?: number;
  constructor(message: string, minimumFeasiblePowerW?: number) {
    super(message);
    this.name = "InfeasibleError";
    this.minimumFeasiblePowerW = minimumFeasiblePowerW;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Escape one JSON-pointer token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function joinPointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => "/" + pointerToken(t)).join("");
}

/**
 * Run `work`, naming `file` in any UserError it throws that points into a document (a JSON pointer) without
 * saying which: lower layers (the cost model, shape inference) know the pointer, their caller knows the file.
 */
export function inFile<T>(file: string | undefined, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (file !== undefined && e instanceof UserError && e.file === undefined && e.pointer?.startsWith("/"))
      Object.defineProperty(e, "file", { value: file });
    throw e;
  }
}
