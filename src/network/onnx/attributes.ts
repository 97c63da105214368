/** Typed access to NodeProto attributes. Wrong types are reported by the caller with the node's name. */
import { toNumber, type AttributeMsg, type NodeMsg, type TensorMsg } from "./decode.ts";

function find(node: NodeMsg, name: string): AttributeMsg | undefined {
  return node.attribute.find((a) => a.name === name);
}

export function hasAttr(node: NodeMsg, name: string): boolean {
  return find(node, name) !== undefined;
}

export function attrInt(node: NodeMsg, name: string, fallback: number): number {
  const a = find(node, name);
  return a ? toNumber(a.i) : fallback;
}

export function attrFloat(node: NodeMsg, name: string, fallback: number): number {
  const a = find(node, name);
  return a ? a.f : fallback;
}

export function attrInts(node: NodeMsg, name: string): number[] | undefined {
  const a = find(node, name);
  return a ? a.ints.map(toNumber) : undefined;
}

export function attrFloats(node: NodeMsg, name: string): number[] | undefined {
  const a = find(node, name);
  return a ? [...a.floats] : undefined;
}

export function attrString(node: NodeMsg, name: string, fallback: string): string {
  const a = find(node, name);
  return a && a.s ? new TextDecoder().decode(a.s) : fallback;
}

export function attrTensor(node: NodeMsg, name: string): TensorMsg | undefined {
  return find(node, name)?.t ?? undefined;
}

/** The attribute carrying a Constant node's value, whatever its kind. */
export function constantAttribute(node: NodeMsg): AttributeMsg | undefined {
  return node.attribute.find((a) => a.name.startsWith("value") || a.name === "sparse_value");
}
