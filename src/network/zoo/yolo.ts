/**
 * Tiny YOLO v3 and v4 from darknet's yolov3-tiny.cfg and yolov4-tiny.cfg at 416×416. Layer names are darknet's
 * layer indices (`l0`, `l1`, …), so `[route] layers = -1, 8` reads as inputs ["l19", "l8"]. Batch norm is
 * folded into the convs; the 1×1 detection convs (255 = 3 anchors × (80 classes + 5)) are linear; the [yolo]
 * layers are decoding on the host and are not modelled. Darknet's maxpool pads size−1 pixels on the bottom and
 * right (offset −pad/2 = 0), which keeps 13×13 at 13×13 for size 2 stride 1: pad [0, 0, 1, 1] here.
 */
import type { NetworkSpec } from "../types.ts";
import { NetBuilder } from "./builder.ts";

const DARKNET_POOL_PAD: [number, number, number, number] = [0, 0, 1, 1];

/** Darknet [convolutional] with pad=1: padding size/2; batch_normalize → folded bias; leaky unless linear. */
function dconv(b: NetBuilder, index: number, filters: number, size: number, o: { stride?: number; linear?: boolean; inputs?: string[] } = {}): string {
  return b.conv(`l${index}`, filters, size, {
    stride: o.stride,
    pad: Math.floor(size / 2),
    bias: true,
    ...(o.linear ? {} : { activation: "leakyRelu" as const }),
    ...(o.inputs ? { inputs: o.inputs } : {}),
  });
}

function dpool(b: NetBuilder, index: number, stride: number): string {
  return b.pool(`l${index}`, "max", 2, { stride, pads: DARKNET_POOL_PAD });
}

export function tinyyolov3(): NetworkSpec {
  const b = new NetBuilder("x");
  const widths = [16, 32, 64, 128, 256, 512];
  widths.forEach((w, i) => {
    dconv(b, 2 * i, w, 3);
    dpool(b, 2 * i + 1, i < 5 ? 2 : 1);
  });
  dconv(b, 12, 1024, 3);
  dconv(b, 13, 256, 1);
  dconv(b, 14, 512, 3);
  dconv(b, 15, 255, 1, { linear: true });
  // 16: [yolo]; 17: [route] layers = -4 → l13
  dconv(b, 18, 128, 1, { inputs: ["l13"] });
  b.add({ name: "l19", kind: "upsample", scale: [2, 2] });
  b.add({ name: "l20", kind: "concat", inputs: ["l19", "l8"] });
  dconv(b, 21, 256, 3);
  dconv(b, 22, 255, 1, { linear: true });
  return b.build({
    name: "tinyyolov3",
    description: "Tiny YOLOv3 (darknet yolov3-tiny.cfg, COCO 80 classes, 2 detection heads), 3×416×416",
    source: "darknet cfg/yolov3-tiny.cfg (Redmon & Farhadi 2018) at width=height=416; darknet reports 5.571 BFLOPs",
    inputShape: [3, 416, 416],
  });
}

/**
 * One CSP block of yolov4-tiny starting at darknet index `i` on layer `x` with `c` channels: conv c (3×3),
 * route groups=2 group_id=1 (the second half), conv c/2, conv c/2, route -1,-2, conv 1×1 c, route -6,-1,
 * maxpool. Returns the index after the block.
 */
function cspBlock(b: NetBuilder, i: number, c: number): number {
  const head = dconv(b, i, c, 3);
  b.add({ name: `l${i + 1}`, kind: "slice", channelStart: c / 2, channelEnd: c });
  const a = dconv(b, i + 2, c / 2, 3);
  const bb = dconv(b, i + 3, c / 2, 3);
  b.add({ name: `l${i + 4}`, kind: "concat", inputs: [bb, a] });
  const t = dconv(b, i + 5, c, 1);
  b.add({ name: `l${i + 6}`, kind: "concat", inputs: [head, t] });
  dpool(b, i + 7, 2);
  return i + 8;
}

export function tinyyolov4(): NetworkSpec {
  const b = new NetBuilder("x");
  dconv(b, 0, 32, 3, { stride: 2 });
  dconv(b, 1, 64, 3, { stride: 2 });
  let i = 2;
  for (const c of [64, 128, 256]) i = cspBlock(b, i, c);
  dconv(b, 26, 512, 3);
  dconv(b, 27, 256, 1);
  dconv(b, 28, 512, 3);
  dconv(b, 29, 255, 1, { linear: true });
  // 30: [yolo]; 31: [route] layers = -4 → l27
  dconv(b, 32, 128, 1, { inputs: ["l27"] });
  b.add({ name: "l33", kind: "upsample", scale: [2, 2] });
  b.add({ name: "l34", kind: "concat", inputs: ["l33", "l23"] });
  dconv(b, 35, 256, 3);
  dconv(b, 36, 255, 1, { linear: true });
  return b.build({
    name: "tinyyolov4",
    description: "Tiny YOLOv4 (darknet yolov4-tiny.cfg, CSP blocks with half-channel routes, 2 detection heads), 3×416×416",
    source: "darknet cfg/yolov4-tiny.cfg (Bochkovskiy et al. 2020) at width=height=416; darknet reports 6.910 BFLOPs",
    inputShape: [3, 416, 416],
  });
}
