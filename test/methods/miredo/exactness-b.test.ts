/** More exactness cases (exactness-cases.ts): two loops, another seed. */
import { exactnessCases } from "./exactness-cases.ts";

exactnessCases(23, 14, () => 2, "2 loops, seed 23");
