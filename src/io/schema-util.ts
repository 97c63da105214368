import { Type, type TLiteral, type TUnion } from "@sinclair/typebox";

/** A union of string literals that keeps the literal types (a plain `.map(Type.Literal)` widens to string). */
export function literals<const T extends readonly string[]>(
  values: T,
  options?: { description?: string },
): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  return Type.Union(values.map((v) => Type.Literal(v)) as never, options) as never;
}
