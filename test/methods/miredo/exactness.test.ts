/** Exactness of the full MILP against enumeration (exactness-cases.ts): two loops, seed 11. */
import { exactnessCases } from "./exactness-cases.ts";

exactnessCases(11, 12, () => 2, "2 loops, seed 11");
