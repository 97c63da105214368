/** More exactness cases (exactness-cases.ts): three loops, the larger space. */
import { exactnessCases } from "./exactness-cases.ts";

exactnessCases(37, 4, () => 3, "3 loops, seed 37");
