/** More exactness cases (see exactness.test.ts): two loops, another seed. */
import { exactnessCases } from "./exactness.test.ts";

exactnessCases(23, 12, () => 2, "2 loops, seed 23");
