/** More exactness cases (see exactness.test.ts): three loops, the larger space. */
import { exactnessCases } from "./exactness.test.ts";

exactnessCases(37, 6, () => 3, "3 loops, seed 37");
